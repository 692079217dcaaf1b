package io.tributary.common.zk;

/** Every ZooKeeper path of a cluster, built in one place. Immutable. */
public final class ZkPaths {
  private final String root;

  public ZkPaths(String cluster) {
    if (cluster == null || !cluster.matches("[a-zA-Z0-9_.-]{1,64}")) {
      throw new IllegalArgumentException("invalid cluster name '" + cluster + "'");
    }
    this.root = "/tributary/" + cluster;
  }

  public String root() {
    return root;
  }

  /** Leader latch of the coordinators. */
  public String coordinatorLatch() {
    return root + "/coordinators/latch";
  }

  /** Ephemeral nodes of live coordinators: id to address. */
  public String coordinatorMembers() {
    return root + "/coordinators/members";
  }

  public String coordinatorMember(String id) {
    return coordinatorMembers() + "/" + id;
  }

  /** The current leader's address and epoch (JSON), written by the leader after it is elected. */
  public String coordinatorLeader() {
    return root + "/coordinators/leader";
  }

  /** Persistent counter of coordinator leadership terms. */
  public String coordinatorEpoch() {
    return root + "/coordinators/epoch";
  }

  public String brokers() {
    return root + "/brokers";
  }

  public String broker(int id) {
    return brokers() + "/" + id;
  }

  /** Persistent: brokers drained by an operator (no new replicas go there), one child per broker id. */
  public String drainedBrokers() {
    return root + "/brokers-drained";
  }

  public String drainedBroker(int id) {
    return drainedBrokers() + "/" + id;
  }

  public String workers() {
    return root + "/workers";
  }

  /** Ephemeral node of a live worker (JSON {@link Registrations.Worker}). */
  public String worker(String id) {
    return workers() + "/" + id;
  }

  /** Jobs the JobManager accepted (JSON job metadata, written by the leading coordinator). */
  public String jobs() {
    return root + "/jobs";
  }

  public String job(String jobId) {
    return jobs() + "/" + jobId;
  }

  /** The job's retained completed checkpoints (JSON list of id, path, time; newest last), written by the leader. */
  public String jobCheckpoints(String jobId) {
    return job(jobId) + "/checkpoints";
  }

  /** Delivery streams: one persistent node per delivery stream (JSON spec, job id, times, warnings). */
  public String deliveryStreams() {
    return root + "/delivery-streams";
  }

  public String deliveryStream(String name) {
    return deliveryStreams() + "/" + name;
  }

  public String streams() {
    return root + "/streams";
  }

  public String stream(String name) {
    return streams() + "/" + name;
  }

  public String shards(String stream) {
    return stream(stream) + "/shards";
  }

  public String shard(String stream, String shardId) {
    return shards(stream) + "/" + shardId;
  }

  /** Registered push consumers of a stream (JSON RegisteredConsumer values). */
  public String registeredConsumers(String stream) {
    return stream(stream) + "/consumers";
  }

  public String registeredConsumer(String stream, String consumer) {
    return registeredConsumers(stream) + "/" + consumer;
  }

  /** Resharding history of a stream (JSON list of scaling events, newest first, bounded). */
  public String scalingHistory(String stream) {
    return stream(stream) + "/scaling";
  }

  /** A consumer application of a stream (the Kinesis Client Library analogue). */
  public String application(String stream, String app) {
    return root + "/applications/" + stream + "/" + app;
  }

  /** Ephemeral: one per live instance of the application. */
  public String applicationMembers(String stream, String app) {
    return application(stream, app) + "/members";
  }

  /** Ephemeral: the lease of one shard, holding its owner's instance id. */
  public String applicationLeases(String stream, String app) {
    return application(stream, app) + "/leases";
  }

  /** Persistent: the application's checkpoint of one shard (a sequence number or SHARD_END). */
  public String applicationCheckpoints(String stream, String app) {
    return application(stream, app) + "/checkpoints";
  }
}

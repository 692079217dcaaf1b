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

  public String workers() {
    return root + "/workers";
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
}

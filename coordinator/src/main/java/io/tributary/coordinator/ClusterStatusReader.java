package io.tributary.coordinator;

import io.tributary.common.stream.ShardMetadata;
import io.tributary.common.stream.StreamMetadata;
import io.tributary.common.zk.Registrations;
import io.tributary.coordinator.jobs.JobRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Assembles the cluster status: coordinators, live brokers with their leader shard counts, live
 * workers with their free slots, streams, open shards, jobs by state and the leader's epoch.
 * Thread-safe (holds no state of its own).
 *
 * <p>Any coordinator answers, so an operator can ask whichever one is reachable: membership comes
 * from ZooKeeper, and jobs from the leader's live view or, on a standby, from the job records the
 * leader keeps in ZooKeeper (which may lag the leader by one state change).
 */
final class ClusterStatusReader {
  private final String cluster;
  private final String zookeeper;
  private final StreamCatalog catalog;
  private final ClusterDirectory directory;
  private final Supplier<List<JobRecord>> jobs;

  ClusterStatusReader(String cluster, String zookeeper, StreamCatalog catalog, ClusterDirectory directory,
      Supplier<List<JobRecord>> jobs) {
    this.cluster = cluster;
    this.zookeeper = zookeeper;
    this.catalog = catalog;
    this.directory = directory;
    this.jobs = jobs;
  }

  ClusterOverview read() {
    Optional<Registrations.Leader> leader = directory.leader();
    String leaderId = leader.map(Registrations.Leader::id).orElse("");
    List<ClusterOverview.Coordinator> coordinators = new ArrayList<>();
    for (Registrations.Coordinator c : directory.coordinators()) {
      coordinators.add(new ClusterOverview.Coordinator(c.id(), c.address(), c.id().equals(leaderId)));
    }
    List<StreamSnapshot> streams = catalog.all();
    Map<Integer, Integer> led = new HashMap<>();
    int openShards = 0;
    for (StreamSnapshot stream : streams) {
      for (ShardMetadata shard : stream.shards()) {
        led.merge(shard.leader(), 1, Integer::sum);
      }
      openShards += stream.openShardCount();
    }
    ReplicaPlacement.Load load = ReplicaPlacement.Load.of(
        streams.stream().flatMap(s -> s.shards().stream()).toList());
    Map<Integer, Registrations.Broker> live = directory.liveBrokers();
    Set<Integer> drained = directory.drainedBrokers();
    List<ClusterOverview.Broker> brokers = new ArrayList<>();
    for (Registrations.Broker b : live.values()) {
      brokers.add(new ClusterOverview.Broker(b.id(), b.address(), led.getOrDefault(b.id(), 0), load.replicas(b.id()),
          drained.contains(b.id())));
    }
    List<JobRecord> known = jobs.get();
    long epoch = leader.isPresent() ? leader.get().epoch() : directory.epochCounter();
    return new ClusterOverview(cluster, coordinators, brokers, streams.size(), openShards, epoch, zookeeper,
        workers(known), jobsByState(known), underReplicated(streams, live.keySet()));
  }

  /** Open shards of live streams whose in-sync set lacks replicas, or that have no live leader. */
  static List<ClusterOverview.UnderReplicated> underReplicated(List<StreamSnapshot> streams, Set<Integer> live) {
    List<ClusterOverview.UnderReplicated> under = new ArrayList<>();
    for (StreamSnapshot stream : streams) {
      if (StreamMetadata.DELETING.equals(stream.stream().status())) {
        continue;
      }
      for (ShardMetadata shard : stream.shards()) {
        boolean offline = shard.leader() == ShardMetadata.NO_LEADER || !live.contains(shard.leader());
        if (shard.open() && (offline || shard.inSyncReplicas().size() < shard.replicas().size())) {
          under.add(new ClusterOverview.UnderReplicated(stream.name(), shard, offline));
        }
      }
    }
    return under;
  }

  private List<ClusterOverview.Worker> workers(List<JobRecord> known) {
    Map<String, Integer> used = usedSlots(known);
    List<ClusterOverview.Worker> workers = new ArrayList<>();
    for (Registrations.Worker w : directory.liveWorkers()) {
      int free = Math.max(0, w.slots() - used.getOrDefault(w.id(), 0));
      workers.add(new ClusterOverview.Worker(w.id(), w.address(), w.slots(), free));
    }
    return workers;
  }

  /**
   * Slots held by subtasks that have not ended, by worker id. Subtask i of every vertex of a job
   * shares slot i (see the JobManager's slot placement), so each shared slot counts once, as the
   * JobManager counts it when it places a job.
   */
  static Map<String, Integer> usedSlots(List<JobRecord> known) {
    Map<String, Integer> used = new HashMap<>();
    for (JobRecord job : known) {
      Set<String> held = new HashSet<>();
      for (JobRecord.Vertex vertex : job.vertices()) {
        for (JobRecord.Subtask s : vertex.subtasks()) {
          if (!s.state().isEnded() && held.add(s.workerId() + "/" + s.subtask())) {
            used.merge(s.workerId(), 1, Integer::sum);
          }
        }
      }
    }
    return used;
  }

  static Map<String, Integer> jobsByState(List<JobRecord> known) {
    Map<String, Integer> counts = new HashMap<>();
    known.forEach(job -> counts.merge(job.state().name(), 1, Integer::sum));
    return counts;
  }
}

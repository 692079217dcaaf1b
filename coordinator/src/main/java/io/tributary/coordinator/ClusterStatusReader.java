package io.tributary.coordinator;

import io.tributary.common.stream.ShardMetadata;
import io.tributary.common.zk.Registrations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Assembles the cluster status from ZooKeeper: coordinators, live brokers with their leader shard
 * counts, streams, open shards and the leader's epoch. Thread-safe (holds no state of its own).
 *
 * <p>Any coordinator answers, so an operator can ask whichever one is reachable.
 */
final class ClusterStatusReader {
  private final String cluster;
  private final String zookeeper;
  private final StreamCatalog catalog;
  private final ClusterDirectory directory;

  ClusterStatusReader(String cluster, String zookeeper, StreamCatalog catalog, ClusterDirectory directory) {
    this.cluster = cluster;
    this.zookeeper = zookeeper;
    this.catalog = catalog;
    this.directory = directory;
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
    List<ClusterOverview.Broker> brokers = new ArrayList<>();
    for (Registrations.Broker b : directory.liveBrokers().values()) {
      brokers.add(new ClusterOverview.Broker(b.id(), b.address(), led.getOrDefault(b.id(), 0)));
    }
    long epoch = leader.isPresent() ? leader.get().epoch() : directory.epochCounter();
    return new ClusterOverview(cluster, coordinators, brokers, streams.size(), openShards, epoch, zookeeper);
  }
}

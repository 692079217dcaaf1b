package io.tributary.coordinator;

import io.tributary.common.stream.ShardMetadata;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What GetClusterStatus reports. Immutable. */
record ClusterOverview(
    String cluster,
    List<Coordinator> coordinators,
    List<Broker> brokers,
    int streamCount,
    int openShardCount,
    long leaderEpoch,
    String zookeeper,
    List<Worker> workers,
    Map<String, Integer> jobsByState,
    List<UnderReplicated> underReplicated) {

  ClusterOverview {
    coordinators = List.copyOf(coordinators);
    brokers = List.copyOf(brokers);
    workers = List.copyOf(workers);
    underReplicated = List.copyOf(underReplicated);
    jobsByState = Collections.unmodifiableMap(new TreeMap<>(jobsByState));
  }

  record Coordinator(String id, String address, boolean leader) {}

  record Broker(int id, String address, int leaderShards, int replicaShards, boolean drained) {}

  /** An open shard with fewer in-sync replicas than replicas; offline when no live leader serves it. */
  record UnderReplicated(String stream, ShardMetadata shard, boolean offline) {}

  record Worker(String id, String address, int slots, int freeSlots) {}
}

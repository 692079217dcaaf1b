package io.tributary.coordinator;

import java.util.List;

/** What GetClusterStatus reports. Immutable. */
record ClusterOverview(
    String cluster,
    List<Coordinator> coordinators,
    List<Broker> brokers,
    int streamCount,
    int openShardCount,
    long leaderEpoch,
    String zookeeper) {

  ClusterOverview {
    coordinators = List.copyOf(coordinators);
    brokers = List.copyOf(brokers);
  }

  record Coordinator(String id, String address, boolean leader) {}

  record Broker(int id, String address, int leaderShards) {}
}

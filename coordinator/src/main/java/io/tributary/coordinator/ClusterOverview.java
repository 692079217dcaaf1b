package io.tributary.coordinator;

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
    Map<String, Integer> jobsByState) {

  ClusterOverview {
    coordinators = List.copyOf(coordinators);
    brokers = List.copyOf(brokers);
    workers = List.copyOf(workers);
    jobsByState = Collections.unmodifiableMap(new TreeMap<>(jobsByState));
  }

  record Coordinator(String id, String address, boolean leader) {}

  record Broker(int id, String address, int leaderShards) {}

  record Worker(String id, String address, int slots, int freeSlots) {}
}

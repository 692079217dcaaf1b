package io.tributary.cli.local;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * What a {@link LocalCluster} runs: process counts, task slots per worker, ports, quotas, cluster
 * name, clock, extra configuration keys for every process, and how long startup may take. Immutable.
 */
record LocalClusterSettings(
    int coordinators,
    int brokers,
    int workers,
    int slots,
    PortLayout ports,
    boolean quotas,
    String cluster,
    Clock clock,
    Map<String, String> settings,
    Duration startWait) {

  LocalClusterSettings {
    settings = Map.copyOf(settings);
  }
}

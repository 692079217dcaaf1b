package io.tributary.client.app;

import io.tributary.client.Position;
import io.tributary.common.stream.Limits;
import io.tributary.proto.v1.IteratorType;
import java.time.Duration;

/**
 * How an application instance runs. Immutable.
 *
 * @param initialPosition where shards without a checkpoint start (TRIM_HORIZON, LATEST or
 *     AT_TIMESTAMP); children of consumed shards always start at their beginning
 * @param balanceInterval how often the instance checks its leases and takes or releases some
 * @param sessionTimeout ZooKeeper session timeout: how long a dead instance's leases last
 * @param maxRecords at most this many records per processRecords call
 * @param idleBetweenReads pause after a read that returned nothing
 * @param shutdownTimeout how long shutdown waits for the processors' last callbacks
 * @param zookeeper ZooKeeper connect string, or null for the one the cluster reports
 * @param cluster cluster name, or null for the one the cluster reports
 */
public record ApplicationOptions(
    Position initialPosition,
    Duration balanceInterval,
    Duration sessionTimeout,
    int maxRecords,
    Duration idleBetweenReads,
    Duration shutdownTimeout,
    String zookeeper,
    String cluster) {
  public ApplicationOptions {
    if (initialPosition == null || initialPosition.type() == IteratorType.AT_SEQUENCE_NUMBER
        || initialPosition.type() == IteratorType.AFTER_SEQUENCE_NUMBER) {
      throw new IllegalArgumentException(
          "initialPosition must be TRIM_HORIZON, LATEST or AT_TIMESTAMP, got " + initialPosition);
    }
    positive(balanceInterval, "balanceInterval");
    positive(sessionTimeout, "sessionTimeout");
    positive(idleBetweenReads, "idleBetweenReads");
    positive(shutdownTimeout, "shutdownTimeout");
    if (maxRecords < 1 || maxRecords > Limits.MAX_GET_RECORDS) {
      throw new IllegalArgumentException("maxRecords must be 1 to " + Limits.MAX_GET_RECORDS + ", got " + maxRecords);
    }
  }

  public static ApplicationOptions defaults() {
    return new ApplicationOptions(Position.trimHorizon(), Duration.ofSeconds(1), Duration.ofSeconds(6), 1_000,
        Duration.ofMillis(250), Duration.ofSeconds(30), null, null);
  }

  public ApplicationOptions withInitialPosition(Position p) {
    return new ApplicationOptions(p, balanceInterval, sessionTimeout, maxRecords, idleBetweenReads, shutdownTimeout,
        zookeeper, cluster);
  }

  public ApplicationOptions withBalanceInterval(Duration d) {
    return new ApplicationOptions(initialPosition, d, sessionTimeout, maxRecords, idleBetweenReads, shutdownTimeout,
        zookeeper, cluster);
  }

  public ApplicationOptions withSessionTimeout(Duration d) {
    return new ApplicationOptions(initialPosition, balanceInterval, d, maxRecords, idleBetweenReads, shutdownTimeout,
        zookeeper, cluster);
  }

  public ApplicationOptions withMaxRecords(int n) {
    return new ApplicationOptions(initialPosition, balanceInterval, sessionTimeout, n, idleBetweenReads,
        shutdownTimeout, zookeeper, cluster);
  }

  public ApplicationOptions withIdleBetweenReads(Duration d) {
    return new ApplicationOptions(initialPosition, balanceInterval, sessionTimeout, maxRecords, d, shutdownTimeout,
        zookeeper, cluster);
  }

  /** Connects to this ZooKeeper and cluster name instead of those the cluster reports. */
  public ApplicationOptions withZooKeeper(String connectString, String clusterName) {
    return new ApplicationOptions(initialPosition, balanceInterval, sessionTimeout, maxRecords, idleBetweenReads,
        shutdownTimeout, connectString, clusterName);
  }

  private static void positive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration, got " + d);
    }
  }
}

package io.tributary.broker.replication;

import java.time.Duration;

/**
 * How a broker replicates. Immutable.
 *
 * @param minInSync acks=all writes need at least this many in-sync replicas (capped by the shard's
 *     replica count); fewer and the write is refused with NotEnoughReplicas, nothing written
 * @param lagTimeMax a follower that has not caught up to the leader's end for this long leaves the
 *     in-sync set (so that a slow or stuck follower does not hold acks=all writes forever)
 * @param ackTimeout how long an acks=all write waits for every in-sync replica before it is
 *     answered with ReplicationTimeout (outcome unknown)
 * @param fetchMaxWait how long a follower's fetch waits at the leader for new records
 * @param fetchMaxBytes upper bound of record bytes per shard in one fetch answer
 */
public record ReplicationSettings(
    int minInSync, Duration lagTimeMax, Duration ackTimeout, Duration fetchMaxWait, int fetchMaxBytes) {

  public static final ReplicationSettings DEFAULTS = new ReplicationSettings(
      2, Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofMillis(500), 4 * 1024 * 1024);

  public ReplicationSettings {
    if (minInSync < 1) {
      throw new IllegalArgumentException("minimum in-sync replicas must be at least 1, not " + minInSync);
    }
  }

  /** The minimum for a shard with {@code replicas} replicas. */
  public int minInSyncFor(int replicas) {
    return Math.max(1, Math.min(minInSync, replicas));
  }
}

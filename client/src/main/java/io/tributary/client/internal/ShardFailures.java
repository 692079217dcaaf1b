package io.tributary.client.internal;

import io.tributary.common.error.ErrorCode;

/**
 * What a client does when a shard's leader broker refuses or fails a request: retry or give up, and
 * whether to reload the shard map first. Stateless. One table for the producer, the sequenced put and
 * the readers, so that all of them ride through a leader failover the same way.
 */
public final class ShardFailures {
  private ShardFailures() {}

  /**
   * Whether the shard map may be out of date: the broker no longer leads the shard (a failover or a
   * move), it has too few in-sync replicas or timed out waiting for them (the leader may be changing),
   * it saw an older leader epoch, or it is unreachable. The next attempt goes to the leader a fresh
   * map names.
   */
  public static boolean refreshesMap(ErrorCode code) {
    return switch (code) {
      case NOT_SHARD_OWNER, RESOURCE_NOT_FOUND, UNAVAILABLE, NOT_ENOUGH_REPLICAS, REPLICATION_TIMEOUT, STALE_EPOCH ->
          true;
      default -> false;
    };
  }

  /**
   * Whether a write is sent again (within the delivery timeout). A shard the broker does not know is
   * retried too: it may be a leader that has not taken the shard over yet, and a fresh map tells.
   */
  public static boolean retriesWrite(ErrorCode code) {
    return code.retryable() || code == ErrorCode.RESOURCE_NOT_FOUND;
  }
}

package io.tributary.broker;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;

/**
 * A shard log was used after it was closed: the shard was deleted, moved to another broker, or the
 * broker is stopping. Callers retry elsewhere after refreshing their shard map.
 */
public final class ShardLogClosedException extends TributaryException {
  private static final long serialVersionUID = 1L;

  public ShardLogClosedException(String shardName) {
    super(
        ErrorCode.UNAVAILABLE,
        "the log of " + shardName + " is closed on this broker (the shard was deleted or moved, "
            + "or the broker is stopping); refresh the shard map and retry");
  }
}

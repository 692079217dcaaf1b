package io.tributary.broker.replication;

import io.tributary.broker.ShardLog;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.proto.v1.ShardFetch;
import io.tributary.proto.v1.ShardFetched;

/**
 * The follower side of one shard's replication under one leader epoch: what to ask the leader for,
 * and how to apply its answer (append the records unchanged, truncate a diverging tail, start over
 * past the leader's trim horizon). Pure logic over a {@link ShardLog}, no I/O. Confined to the
 * fetcher thread that owns it (and the simulation's step).
 */
public final class FollowerReplica {
  /** What applying an answer means for the fetcher. */
  public enum Outcome {
    /** Records were appended (or the log was truncated/reset): fetch again at once. */
    PROGRESSED,
    /** Nothing new: the next fetch may wait at the leader. */
    CAUGHT_UP,
    /** The leader answered with an error (StaleEpoch, NotShardOwner...): wait for new metadata. */
    REFUSED
  }

  public FollowerReplica(String name, int self, ShardMetadata metadata, String streamUid, ShardLog log) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** The next request: this epoch, the log's end, the epoch of its newest record. */
  public ShardFetch nextFetch() {
    throw new UnsupportedOperationException("not built yet");
  }

  /** Applies the leader's answer to {@link #nextFetch()}. */
  public Outcome apply(ShardFetched answer) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** The leader's high watermark as last heard (capped at this log's end); a new leader starts from it. */
  public long highWatermark() {
    throw new UnsupportedOperationException("not built yet");
  }

  public ShardMetadata metadata() {
    throw new UnsupportedOperationException("not built yet");
  }
}

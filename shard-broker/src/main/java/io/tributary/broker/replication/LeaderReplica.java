package io.tributary.broker.replication;

import io.tributary.broker.ShardLog;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.proto.v1.ShardFetch;
import io.tributary.proto.v1.ShardFetched;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * The leader side of one shard's replication under one leader epoch: where each follower's log
 * ends, the committed point (high watermark: the lowest log end over the in-sync set, including
 * followers being added to it), which followers join or leave the in-sync set, and the acks=all
 * writes waiting to be committed. Pure logic over a {@link ShardLog} and an injected clock, with no
 * I/O of its own, so that the broker and the replication simulation run the same code. Thread-safe.
 */
public final class LeaderReplica {
  /**
   * @param self this broker's id
   * @param metadata the shard as assigned (this broker leads it under {@code metadata.leaderEpoch()})
   * @param initialHighWatermark what this broker knew to be committed when it became leader (its
   *     follower's last known high watermark; 0 after a restart); capped at the log's end
   * @param nanoTime a monotonic clock in nanoseconds (System::nanoTime, or the simulation's)
   */
  public LeaderReplica(String name, int self, ShardMetadata metadata, ShardLog log, long initialHighWatermark,
      ReplicationSettings settings, LongSupplier nanoTime, InSyncUpdater inSyncUpdater) {
    throw new UnsupportedOperationException("not built yet");
  }

  /**
   * Serves one follower's fetch: refuses another epoch (StaleEpoch) or a broker that holds no
   * replica (NotShardOwner); answers divergence or out-of-range; otherwise notes the follower's log
   * end (which may advance the high watermark, complete waiting writes, and propose adding the
   * follower to the in-sync set) and returns the records from {@code fetch_from}.
   */
  public ShardFetched fetch(int follower, ShardFetch request, int maxBytes) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** Whether a fetch from {@code fetchFrom} would return records now (else the fetch may wait). */
  public boolean hasRecordsAfter(long fetchFrom) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** After the leader appended: with no other in-sync replica the records are committed at once. */
  public void appended() {
    throw new UnsupportedOperationException("not built yet");
  }

  /** Every record below this is on every in-sync replica; readers see only these. */
  public long highWatermark() {
    throw new UnsupportedOperationException("not built yet");
  }

  /**
   * Completes when the high watermark reaches {@code endExclusive}; fails with ReplicationTimeout
   * after the ack timeout (checked by {@link #tick}) and with the reason given to {@link #close}.
   */
  public CompletableFuture<Void> awaitCommitted(long endExclusive) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** Refuses an acks=all write before it is appended: NotEnoughReplicas when the in-sync set is too small. */
  public void checkEnoughInSync() {
    throw new UnsupportedOperationException("not built yet");
  }

  /** New metadata for the same leader and epoch (the in-sync set or replica list changed). */
  public void update(ShardMetadata metadata) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** Periodic: proposes removing followers that lagged longer than allowed; times out waiting writes. */
  public void tick() {
    throw new UnsupportedOperationException("not built yet");
  }

  /** Runs {@code listener} (on the thread that moved it) whenever the high watermark advances. */
  public void onHighWatermark(Runnable listener) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** Followers' log ends as last fetched, by broker id. */
  public Map<Integer, Long> followerLogEnds() {
    throw new UnsupportedOperationException("not built yet");
  }

  public ShardMetadata metadata() {
    throw new UnsupportedOperationException("not built yet");
  }

  /** Stops leading: fails every waiting write with {@code reason}. */
  public void close(TributaryException reason) {
    throw new UnsupportedOperationException("not built yet");
  }
}

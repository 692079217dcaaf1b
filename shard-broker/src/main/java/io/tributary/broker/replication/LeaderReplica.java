package io.tributary.broker.replication;

import io.tributary.broker.EpochEnd;
import io.tributary.broker.ReadBatch;
import io.tributary.broker.ShardLog;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.proto.v1.ErrorDetail;
import io.tributary.proto.v1.ShardFetch;
import io.tributary.proto.v1.ShardFetched;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * The leader side of one shard's replication under one leader epoch: where each follower's log
 * ends, the committed point (high watermark: the lowest log end over the in-sync set, including
 * followers being added to it), which followers join or leave the in-sync set, and the acks=all
 * writes waiting to be committed. Pure logic over a {@link ShardLog} and an injected clock, with no
 * I/O of its own, so that the broker and the replication simulation run the same code. Thread-safe.
 *
 * <p>State changes happen under this object's lock; futures, listeners and in-sync proposals run
 * after it is released, so that their callbacks may call back in (a write completing may append).
 * While a change of the in-sync set is proposed but not yet written, the high watermark counts the
 * union of the old and the proposed set: a record is never called committed unless every replica
 * that may be elected leader holds it.
 */
public final class LeaderReplica {
  private final String name;
  private final int self;
  private final ShardLog log;
  private final ReplicationSettings settings;
  private final LongSupplier nanoTime;
  private final InSyncUpdater inSyncUpdater;
  private final CommitWaiters waiters;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final TrackedFollowers followers;
  private final InSyncProposer proposer;
  private ShardMetadata metadata;
  private long highWatermark;
  private TributaryException closedBy;

  /**
   * @param name the stream's name, for answers and messages
   * @param self this broker's id
   * @param metadata the shard as assigned (this broker leads it under {@code metadata.leaderEpoch()})
   * @param initialHighWatermark what this broker knew to be committed when it became leader (its
   *     follower's last known high watermark; 0 after a restart); capped at the log's end
   * @param nanoTime a monotonic clock in nanoseconds (System::nanoTime, or the simulation's)
   */
  public LeaderReplica(String name, int self, ShardMetadata metadata, ShardLog log, long initialHighWatermark,
      ReplicationSettings settings, LongSupplier nanoTime, InSyncUpdater inSyncUpdater) {
    this.name = name;
    this.self = self;
    this.metadata = metadata;
    this.log = log;
    this.settings = settings;
    this.nanoTime = nanoTime;
    this.inSyncUpdater = inSyncUpdater;
    this.waiters = new CommitWaiters(settings.ackTimeout().toNanos());
    this.followers = new TrackedFollowers(self, metadata, nanoTime, nanoTime.getAsLong());
    this.proposer = new InSyncProposer(settings);
    this.highWatermark = Math.max(log.firstSequenceNumber(), Math.min(initialHighWatermark, log.nextSequenceNumber()));
    advanceHighWatermark();
  }

  /**
   * Serves one follower's fetch: refuses another epoch (StaleEpoch) or a broker that holds no
   * replica (NotShardOwner); answers divergence or out-of-range; otherwise notes the follower's log
   * end (which may advance the high watermark, complete waiting writes, and propose adding the
   * follower to the in-sync set) and returns the records from {@code fetch_from}.
   */
  public ShardFetched fetch(int follower, ShardFetch request, int maxBytes) {
    ShardFetched.Builder answer = ShardFetched.newBuilder().setStream(name).setShardId(request.getShardId());
    List<CompletableFuture<Void>> committed;
    InSyncProposer.Proposal proposed = null;
    long fetchFrom = request.getFetchFrom();
    synchronized (this) {
      ShardFetched refused = refusal(follower, request, answer);
      if (refused != null) {
        return refused;
      }
      long start = log.firstSequenceNumber();
      long end = log.nextSequenceNumber();
      answer.setLogStart(start).setLogEnd(end);
      EpochEnd diverging = divergence(request, end);
      if (diverging != null) {
        return answer.setHighWatermark(highWatermark).setDiverging(true)
            .setDivergingEpoch(diverging.epoch()).setDivergingEnd(diverging.endSequenceNumber()).build();
      }
      if (fetchFrom < start) {
        return answer.setHighWatermark(highWatermark).setOutOfRange(true).build();
      }
      FollowerProgress progress = followers.progressOf(follower);
      long now = nanoTime.getAsLong();
      long endBefore = Math.min(progress.leaderEndAtLastAnswer, end);
      progress.fetched(fetchFrom, end, now);
      committed = advanceHighWatermark();
      if (!proposer.pending() && fetchFrom >= endBefore && fetchFrom >= highWatermark
          && !metadata.inSyncReplicas().contains(follower)) {
        proposed = proposer.proposeJoining(metadata, follower, now);
      }
      ReadBatch batch = log.read(fetchFrom, Integer.MAX_VALUE, maxBytes);
      progress.answered(end, now);
      answer.setRecords(batch.records()).setRecordCount(batch.count()).setHighWatermark(highWatermark);
    }
    afterChange(committed, proposed);
    return answer.build();
  }

  /** Whether a fetch from {@code fetchFrom} would return records now (else the fetch may wait). */
  public boolean hasRecordsAfter(long fetchFrom) {
    return fetchFrom < log.nextSequenceNumber();
  }

  /** After the leader appended: with no other in-sync replica the records are committed at once. */
  public void appended() {
    List<CompletableFuture<Void>> committed;
    synchronized (this) {
      committed = advanceHighWatermark();
    }
    afterChange(committed, null);
  }

  /** Every record below this is on every in-sync replica; readers see only these. */
  public synchronized long highWatermark() {
    return highWatermark;
  }

  /**
   * Completes when the high watermark reaches {@code endExclusive}; fails with ReplicationTimeout
   * after the ack timeout (checked by {@link #tick}) and with the reason given to {@link #close}.
   */
  public CompletableFuture<Void> awaitCommitted(long endExclusive) {
    synchronized (this) {
      if (closedBy != null) {
        return CompletableFuture.failedFuture(closedBy);
      }
      if (endExclusive > highWatermark) {
        return waiters.add(endExclusive, nanoTime.getAsLong());
      }
    }
    return CompletableFuture.completedFuture(null);
  }

  /** Refuses an acks=all write before it is appended: NotEnoughReplicas when the in-sync set is too small. */
  public void checkEnoughInSync() {
    ShardMetadata current = metadata();
    int inSync = current.inSyncReplicas().size();
    int minimum = settings.minInSyncFor(current.replicas().size());
    if (inSync < minimum) {
      throw new TributaryException(ErrorCode.NOT_ENOUGH_REPLICAS, "stream '" + name + "' shard "
          + current.shardId() + " has " + inSync + " in-sync replica" + (inSync == 1 ? "" : "s") + " of "
          + current.replicas().size() + ", fewer than the minimum " + minimum
          + " for acks=all; wait for brokers to return or write with acks=leader");
    }
  }

  /** New metadata for the same leader and epoch (the in-sync set or replica list changed). */
  public void update(ShardMetadata newMetadata) {
    List<CompletableFuture<Void>> committed;
    synchronized (this) {
      if (newMetadata.leader() != self || newMetadata.leaderEpoch() != metadata.leaderEpoch()
          || newMetadata.equals(metadata)) {
        return;
      }
      followers.update(metadata, newMetadata, nanoTime.getAsLong());
      // The node moved past the version the proposal was based on: it was either written (and is in
      // this metadata) or lost the race; either way it no longer counts.
      proposer.clear();
      metadata = newMetadata;
      committed = advanceHighWatermark();
    }
    afterChange(committed, null);
  }

  /** Periodic: proposes removing followers that lagged longer than allowed; times out waiting writes. */
  public void tick() {
    List<CompletableFuture<Void>> expired;
    InSyncProposer.Proposal proposed = null;
    long now = nanoTime.getAsLong();
    synchronized (this) {
      expired = waiters.expired(now);
      if (proposer.pending()) {
        proposed = proposer.retryIfDue(metadata, now);
      } else if (closedBy == null) {
        List<Integer> kept = followers.withoutLaggers(metadata.inSyncReplicas(), now, settings.lagTimeMax().toNanos());
        if (kept.size() < metadata.inSyncReplicas().size()) {
          proposed = proposer.propose(metadata, kept, now);
        }
      }
    }
    for (CompletableFuture<Void> future : expired) {
      future.completeExceptionally(new TributaryException(ErrorCode.REPLICATION_TIMEOUT, "stream '" + name
          + "' shard " + metadata().shardId() + ": records were appended by the leader but not confirmed by every"
          + " in-sync replica within " + settings.ackTimeout().toMillis() + " ms; their outcome is unknown, retry"
          + " with an idempotent producer to settle it exactly once"));
    }
    afterChange(null, proposed);
  }

  /** Runs {@code listener} (on the thread that moved it) whenever the high watermark advances. */
  public void onHighWatermark(Runnable listener) {
    listeners.add(listener);
  }

  /** Followers' log ends as last fetched, by broker id. */
  public synchronized Map<Integer, Long> followerLogEnds() {
    return followers.logEnds();
  }

  public synchronized ShardMetadata metadata() {
    return metadata;
  }

  /** Stops leading: fails every waiting write with {@code reason}. */
  public void close(TributaryException reason) {
    List<CompletableFuture<Void>> waiting;
    synchronized (this) {
      if (closedBy != null) {
        return;
      }
      closedBy = reason;
      waiting = waiters.drain();
    }
    for (CompletableFuture<Void> future : waiting) {
      future.completeExceptionally(reason);
    }
  }

  private ShardFetched refusal(int follower, ShardFetch request, ShardFetched.Builder answer) {
    if (request.getLeaderEpoch() != metadata.leaderEpoch()) {
      return answer.setError(error(ErrorCode.STALE_EPOCH, "stream '" + name + "' shard " + metadata.shardId()
          + " is led by broker " + self + " under epoch " + metadata.leaderEpoch() + ", not "
          + request.getLeaderEpoch() + "; refresh the shard's metadata and fetch again")).build();
    }
    if (closedBy != null || follower == self || !metadata.hasReplica(follower)) {
      return answer.setError(error(ErrorCode.NOT_SHARD_OWNER, "broker " + follower + " holds no replica of stream '"
          + name + "' shard " + metadata.shardId() + " led by broker " + self + " under epoch "
          + metadata.leaderEpoch() + (closedBy != null ? " (no longer leading)" : "")
          + "; refresh the shard's metadata")).build();
    }
    return null;
  }

  private static ErrorDetail error(ErrorCode code, String message) {
    return ErrorDetail.newBuilder().setCode(code.shortName()).setMessage(message).build();
  }

  /** Where the follower's log stops agreeing with this one, or null if it agrees (KIP-101/279). */
  private EpochEnd divergence(ShardFetch request, long end) {
    long lastEpoch = request.getLastEpoch();
    if (lastEpoch >= 0) {
      EpochEnd ours = log.epochEnd(lastEpoch);
      if (ours.epoch() != lastEpoch || ours.endSequenceNumber() < request.getFetchFrom()) {
        return ours;
      }
    }
    // An empty follower positioned past this log's end (it started over at another leader's start).
    return request.getFetchFrom() > end ? log.epochEnd(-1) : null;
  }

  /**
   * Raises the high watermark to the lowest log end of the in-sync set; returns the writes that
   * commits, or null if it did not move.
   */
  private List<CompletableFuture<Void>> advanceHighWatermark() {
    long candidate = Math.min(log.nextSequenceNumber(), followers.lowestEnd(metadata.inSyncReplicas()));
    List<Integer> proposed = proposer.pendingInSync();
    if (proposed != null) {
      candidate = Math.min(candidate, followers.lowestEnd(proposed));
    }
    if (candidate <= highWatermark) {
      return null;
    }
    highWatermark = candidate;
    return waiters.completedBy(candidate);
  }

  /** Completes {@code committed} (null: the high watermark did not move) and sends {@code proposed}. */
  private void afterChange(List<CompletableFuture<Void>> committed, InSyncProposer.Proposal proposed) {
    if (committed != null) {
      for (int i = 0; i < committed.size(); i++) {
        committed.get(i).complete(null);
      }
      for (Runnable listener : listeners) {
        listener.run();
      }
    }
    if (proposed != null) {
      inSyncUpdater.propose(proposed.base(), proposed.inSync());
    }
  }
}

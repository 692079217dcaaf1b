package io.tributary.broker.internal;

import io.tributary.broker.AppendSource;
import io.tributary.broker.Appended;
import io.tributary.broker.ShardLog;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import java.time.Clock;
import java.util.function.LongSupplier;

/**
 * The write side of a led shard: appends under the leader epoch, idempotent producers' batches,
 * the seal and the fence, with the write's measurements. Thread-safe.
 *
 * <p>Appends, the seal and the fence share one lock, so a write racing either lands before it or is
 * refused: the end of a sealed shard is final, and a fenced shard appends nothing. It is kept apart
 * from the shard's readers and replication so that everything that lock guards sits in one class.
 */
final class ShardAppender {
  private final String name;
  private final ShardLog log;
  private final Clock clock;
  private final WriteQuota writeQuota;
  private final WriteRateMeter writeRate;
  private final ShardMetrics metrics;
  private final LongSupplier leaderEpoch;
  private final Object appendLock = new Object();
  /** Guarded by {@link #appendLock}. */
  private final ProducerStates producers;
  private volatile boolean sealed;
  /** Why writes are refused while leadership is in doubt; null when not fenced. Written under the append lock. */
  private volatile String fenced;

  /**
   * @param name how messages name the shard
   * @param leaderEpoch the epoch appended records are written under
   */
  ShardAppender(String name, ShardLog log, ProducerStates producers, WriteQuota writeQuota,
      WriteRateMeter writeRate, ShardMetrics metrics, LongSupplier leaderEpoch, boolean sealed, Clock clock) {
    this.name = name;
    this.log = log;
    this.producers = producers;
    this.writeQuota = writeQuota;
    this.writeRate = writeRate;
    this.metrics = metrics;
    this.leaderEpoch = leaderEpoch;
    this.sealed = sealed;
    this.clock = clock;
  }

  /**
   * Stops writes for good; waits for an append under way.
   *
   * @return whether this call sealed the shard (false: it already was)
   */
  boolean seal() {
    synchronized (appendLock) {
      if (sealed) {
        return false;
      }
      sealed = true;
      return true;
    }
  }

  boolean sealed() {
    return sealed;
  }

  /** Refuses writes until {@link #unfence}; waits for an append under way. */
  void fence(String reason) {
    synchronized (appendLock) {
      fenced = reason;
    }
  }

  void unfence() {
    fenced = null;
  }

  String fenced() {
    return fenced;
  }

  /**
   * Appends under the current leader epoch and measures the write.
   *
   * @throws TributaryException NOT_SHARD_OWNER if the shard is sealed or fenced
   */
  Appended append(AppendSource records, int count) {
    synchronized (appendLock) {
      if (sealed) {
        throw new TributaryException(ErrorCode.NOT_SHARD_OWNER, closedMessage());
      }
      checkNotFenced();
      return appendLocked(records, count);
    }
  }

  /**
   * Appends a batch of an idempotent producer unless the shard already holds it: checks the
   * producer's sequence, skips the records already written, admits the rest through the write
   * quota and appends what it admitted, all under the append lock. A duplicate is answered even
   * from a sealed shard, since its records did land there.
   *
   * @throws TributaryException NOT_SHARD_OWNER if the shard is sealed and the batch is not a duplicate
   */
  IdempotentPut appendIdempotent(EntriesSource batch) {
    synchronized (appendLock) {
      ProducerVerdict verdict =
          producers.check(batch.producerId(), batch.firstProducerSequence(), batch.size(), clock.millis());
      if (verdict.kind() != ProducerVerdict.Kind.DUPLICATE && sealed) {
        throw new TributaryException(ErrorCode.NOT_SHARD_OWNER, closedMessage());
      }
      if (verdict.kind() != ProducerVerdict.Kind.APPEND) {
        return new IdempotentPut(verdict, 0, null, log.nextSequenceNumber());
      }
      checkNotFenced();
      EntriesSource rest = batch.skip(verdict.alreadyWritten());
      int admitted = writeQuota.admit(rest);
      Appended appended = admitted > 0 ? appendLocked(rest, admitted) : null;
      if (appended != null) {
        producers.record(rest.producerId(), new ProducerBatch(rest.firstProducerSequence(), admitted,
            appended.firstSequenceNumber(), appended.arrivalMillis()), appended.arrivalMillis());
      }
      return new IdempotentPut(verdict, admitted, appended, log.nextSequenceNumber());
    }
  }

  /** Why a sealed shard refuses writes, and what the writer should do. */
  String closedMessage() {
    return name + " is closed (it was split or merged); refresh the shard map and write to its children";
  }

  private Appended appendLocked(AppendSource records, int count) {
    Appended appended = log.append(records, count, leaderEpoch.getAsLong());
    long bytes = sizeOf(records, count);
    writeRate.record(count, bytes);
    metrics.appended(count, bytes);
    return appended;
  }

  private void checkNotFenced() {
    String reason = fenced;
    if (reason != null) {
      throw new TributaryException(ErrorCode.NOT_SHARD_OWNER, reason);
    }
  }

  private static long sizeOf(AppendSource records, int count) {
    long bytes = 0;
    for (int i = 0; i < count; i++) {
      bytes += records.partitionKey(i).size() + records.data(i).size();
    }
    return bytes;
  }
}

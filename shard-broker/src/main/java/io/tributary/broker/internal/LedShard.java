package io.tributary.broker.internal;

import io.tributary.broker.AppendSource;
import io.tributary.broker.Appended;
import io.tributary.broker.ProducerStateSettings;
import io.tributary.broker.QuotaSettings;
import io.tributary.broker.ShardLog;
import io.tributary.broker.StreamRef;
import io.tributary.broker.replication.LeaderReplica;
import io.tributary.broker.replication.ReplicationSettings;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.HashKeyRange;
import io.tributary.common.stream.ShardMetadata;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A shard this broker leads under one leader epoch: its log, its replication state (followers, high
 * watermark, waiting acks=all writes), quotas, write rate, live subscriptions and parked follower
 * fetches, and the metadata it was assigned with. Thread-safe; request threads use it while the
 * assignment thread updates, seals, fences or closes it.
 *
 * <p>Appends, the seal and the fence share one lock (in {@link ShardAppender}), so a write racing
 * either lands before it or is refused: the end of a sealed shard is final, and a fenced shard
 * appends nothing. Subscriptions wake when the high watermark moves, not on append, since readers
 * never see past it.
 */
final class LedShard {
  private final StreamRef stream;
  private final String shardId;
  private final String name;
  private final ShardLog log;
  private final WriteQuota writeQuota;
  private final ReadQuota readQuota;
  private final WriteRateMeter writeRate;
  private final HashKeyRange range;
  private final ShardMetrics metrics;
  private final ShardAppender appender;
  private final long scannedForProducers;
  private final int knownProducers;
  private final ShardSubscriptions subscriptions;
  private final Set<Runnable> fetchWaiters = ConcurrentHashMap.newKeySet();
  private final LeaderReplica replica;
  private volatile ShardMetadata metadata;

  LedShard(StreamRef stream, ShardMetadata metadata, ShardLog log, QuotaSettings quotas, Clock clock) {
    this(stream, metadata, log, quotas, ProducerStateSettings.DEFAULTS, clock);
  }

  LedShard(StreamRef stream, ShardMetadata metadata, ShardLog log, QuotaSettings quotas,
      ProducerStateSettings producerSettings, Clock clock) {
    this(stream, metadata, log, quotas, producerSettings, BrokerMetrics.detached(), clock, LedShard::standalone);
  }

  /**
   * Rebuilds what the shard knew of idempotent producers from the newest records of {@code log};
   * {@code replication} makes the shard's leader replica over the log.
   */
  LedShard(StreamRef stream, ShardMetadata metadata, ShardLog log, QuotaSettings quotas,
      ProducerStateSettings producerSettings, BrokerMetrics brokerMetrics, Clock clock,
      ReplicaFactory replication) {
    this.stream = stream;
    this.shardId = metadata.shardId();
    this.name = "shard " + shardId + " of stream '" + stream.name() + "'";
    this.log = log;
    this.writeQuota = new WriteQuota(quotas, clock);
    this.readQuota = new ReadQuota(quotas, clock);
    this.writeRate = new WriteRateMeter(clock);
    this.subscriptions = new ShardSubscriptions(quotas, clock);
    this.range = metadata.hashKeyRange();
    this.metadata = metadata;
    ProducerStates producers = new ProducerStates(producerSettings);
    this.scannedForProducers = ProducerStateLoader.load(log, producerSettings, clock.millis(), producers);
    this.knownProducers = producers.size();
    this.metrics = brokerMetrics.shard(stream.name(), shardId);
    this.appender = new ShardAppender(name, log, producers, writeQuota, writeRate, metrics, this::leaderEpoch,
        !metadata.open(), clock);
    this.replica = replication.create(stream.name(), metadata, log);
    replica.onHighWatermark(this::highWatermarkMoved);
  }

  /** Makes the leader replica of a shard of {@code stream} over its log. */
  @FunctionalInterface
  interface ReplicaFactory {
    LeaderReplica create(String stream, ShardMetadata metadata, ShardLog log);
  }

  /** A leader replica that needs no follower: everything in its log counts as committed. */
  private static LeaderReplica standalone(String stream, ShardMetadata metadata, ShardLog log) {
    return new LeaderReplica(stream, metadata.leader(), metadata, log, log.nextSequenceNumber(),
        ReplicationSettings.DEFAULTS, System::nanoTime, (base, inSync) -> { });
  }

  StreamRef stream() {
    return stream;
  }

  String shardId() {
    return shardId;
  }

  /** How messages name the shard: {@code shard shardId-000000000000 of stream 'clicks'}. */
  String name() {
    return name;
  }

  ShardLog log() {
    return log;
  }

  WriteQuota writeQuota() {
    return writeQuota;
  }

  ReadQuota readQuota() {
    return readQuota;
  }

  WriteRateMeter writeRate() {
    return writeRate;
  }

  ShardMetrics metrics() {
    return metrics;
  }

  HashKeyRange range() {
    return range;
  }

  ShardMetadata metadata() {
    return metadata;
  }

  /** How opening the shard rebuilt its idempotent producers, for the log line that says it leads. */
  String producerRebuild() {
    return knownProducers + " idempotent producer(s) from the newest " + scannedForProducers + " record(s)";
  }

  /** Takes new metadata; a shard turned CLOSED is sealed before this returns. */
  void update(ShardMetadata newMetadata) {
    this.metadata = newMetadata;
    replica.update(newMetadata);
    if (!newMetadata.open()) {
      seal();
    }
  }

  /** Stops writes for good; waits for an append under way, then wakes subscriptions to finish. */
  void seal() {
    if (appender.seal()) {
      subscriptions.signalAll();
    }
  }

  /** Whether the shard is closed and takes no more writes; its log's end is then final. */
  boolean sealed() {
    return appender.sealed();
  }

  /** Whether the shard still takes writes (it is not closed by a split or merge). */
  boolean acceptsWrites() {
    return !appender.sealed();
  }

  /** Whether a reader at {@code nextSequence} has read a sealed shard to its end. */
  boolean finishedAt(long nextSequence) {
    return appender.sealed() && nextSequence >= log.nextSequenceNumber();
  }

  /** Whether the shard is sealed and every record of it committed: its end is final on every in-sync replica. */
  boolean sealedAndCommitted() {
    return appender.sealed() && replica.highWatermark() >= log.nextSequenceNumber();
  }

  LeaderReplica replica() {
    return replica;
  }

  long leaderEpoch() {
    return metadata.leaderEpoch();
  }

  /** Every record below this is on every in-sync replica; readers see only those. */
  long highWatermark() {
    return replica.highWatermark();
  }

  /**
   * Refuses writes until {@link #unfence} (leadership is in doubt: the ZooKeeper session may be
   * gone, the process was paused, or a follower named a newer epoch); waits for an append under way.
   */
  void fence(String reason) {
    appender.fence(reason);
  }

  void unfence() {
    appender.unfence();
  }

  /** Why writes are refused while leadership is re-validated, or null. */
  String fenced() {
    return appender.fenced();
  }

  /** Runs {@code waiter} once, at the next append or high watermark move; see {@link #removeFetchWaiter}. */
  void addFetchWaiter(Runnable waiter) {
    fetchWaiters.add(waiter);
  }

  void removeFetchWaiter(Runnable waiter) {
    fetchWaiters.remove(waiter);
  }

  /** Whether {@code (high, low)} lies in the shard's hash key range. */
  boolean owns(long high, long low) {
    return compare(range.start().high(), range.start().low(), high, low) <= 0
        && compare(high, low, range.end().high(), range.end().low()) <= 0;
  }

  /**
   * Appends under the current leader epoch, measures the write and wakes the subscriptions.
   *
   * @throws TributaryException NOT_SHARD_OWNER if the shard is sealed or fenced
   */
  Appended append(AppendSource records, int count) {
    Appended appended = appender.append(records, count);
    replica.appended();
    wakeFetchers();
    return appended;
  }

  /**
   * Appends a batch of an idempotent producer unless the shard already holds it; see
   * {@link ShardAppender#appendIdempotent}.
   *
   * @throws TributaryException NOT_SHARD_OWNER if the shard is sealed and the batch is not a duplicate
   */
  IdempotentPut appendIdempotent(EntriesSource batch) {
    IdempotentPut put = appender.appendIdempotent(batch);
    if (put.appended() != null) {
      replica.appended();
      wakeFetchers();
    }
    return put;
  }

  /** Why a sealed shard refuses writes, and what the writer should do. */
  String closedMessage() {
    return appender.closedMessage();
  }

  /** The live subscriptions, and each registered consumer's subscription and quota on this shard. */
  ShardSubscriptions subscriptions() {
    return subscriptions;
  }

  /** Stops leading: fails waiting writes and ends the subscriptions with {@code reason}, then closes the log. */
  void close(TributaryException reason) {
    fence(reason.getMessage());
    replica.close(reason);
    wakeFetchers();
    subscriptions.terminateAll(reason);
    metrics.forget();
    log.close();
  }

  private void highWatermarkMoved() {
    subscriptions.signalAll();
    wakeFetchers();
  }

  private void wakeFetchers() {
    if (fetchWaiters.isEmpty()) {
      return;
    }
    for (Runnable waiter : fetchWaiters) {
      if (fetchWaiters.remove(waiter)) {
        waiter.run();
      }
    }
  }

  private static int compare(long high1, long low1, long high2, long low2) {
    int c = Long.compareUnsigned(high1, high2);
    return c != 0 ? c : Long.compareUnsigned(low1, low2);
  }
}

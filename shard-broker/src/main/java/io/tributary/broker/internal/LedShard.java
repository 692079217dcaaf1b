package io.tributary.broker.internal;

import io.tributary.broker.AppendSource;
import io.tributary.broker.Appended;
import io.tributary.broker.QuotaSettings;
import io.tributary.broker.ShardLog;
import io.tributary.broker.StreamRef;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.HashKeyRange;
import io.tributary.common.stream.ShardMetadata;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A shard this broker leads: its log, quotas and live subscriptions, and the metadata it was
 * assigned with. Thread-safe; request threads use it while the assignment thread updates or closes
 * it.
 */
final class LedShard {
  private final StreamRef stream;
  private final String shardId;
  private final String name;
  private final ShardLog log;
  private final WriteQuota writeQuota;
  private final ReadQuota readQuota;
  private final HashKeyRange range;
  private final Set<SubscriptionPump> subscriptions = ConcurrentHashMap.newKeySet();
  private volatile ShardMetadata metadata;

  LedShard(StreamRef stream, ShardMetadata metadata, ShardLog log, QuotaSettings quotas, Clock clock) {
    this.stream = stream;
    this.shardId = metadata.shardId();
    this.name = "shard " + shardId + " of stream '" + stream.name() + "'";
    this.log = log;
    this.writeQuota = new WriteQuota(quotas, clock);
    this.readQuota = new ReadQuota(quotas, clock);
    this.range = metadata.hashKeyRange();
    this.metadata = metadata;
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

  HashKeyRange range() {
    return range;
  }

  ShardMetadata metadata() {
    return metadata;
  }

  void update(ShardMetadata newMetadata) {
    this.metadata = newMetadata;
  }

  /** Whether the shard still takes writes (it is not closed by a split or merge). */
  boolean acceptsWrites() {
    return metadata.open();
  }

  /** Whether a reader at {@code nextSequence} has read a closed shard to its end. */
  boolean finishedAt(long nextSequence) {
    return !metadata.open() && nextSequence >= log.nextSequenceNumber();
  }

  /** Whether {@code (high, low)} lies in the shard's hash key range. */
  boolean owns(long high, long low) {
    return compare(range.start().high(), range.start().low(), high, low) <= 0
        && compare(high, low, range.end().high(), range.end().low()) <= 0;
  }

  /** Appends under the current leader epoch and wakes the subscriptions. */
  Appended append(AppendSource records, int count) {
    Appended appended = log.append(records, count, metadata.leaderEpoch());
    for (SubscriptionPump subscription : subscriptions) {
      subscription.signal();
    }
    return appended;
  }

  void addSubscription(SubscriptionPump subscription) {
    subscriptions.add(subscription);
  }

  void removeSubscription(SubscriptionPump subscription) {
    subscriptions.remove(subscription);
  }

  Set<SubscriptionPump> subscriptions() {
    return subscriptions;
  }

  /** Ends the subscriptions with {@code reason}, then closes the log. */
  void close(TributaryException reason) {
    for (SubscriptionPump subscription : subscriptions) {
      subscription.terminate(reason);
    }
    log.close();
  }

  private static int compare(long high1, long low1, long high2, long low2) {
    int c = Long.compareUnsigned(high1, high2);
    return c != 0 ? c : Long.compareUnsigned(low1, low2);
  }
}

package io.tributary.broker.internal;

import io.tributary.broker.ShardLogClosedException;
import io.tributary.common.stream.StreamMetadata;
import java.time.Clock;
import java.time.Duration;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Drops the roll cycles of led shards whose records are all older than their stream's retention.
 * Runs periodically on the broker's scheduler; confined to that thread.
 */
final class RetentionTask implements Runnable {
  private static final Logger LOG = LogManager.getLogger(RetentionTask.class);

  private final ShardRegistry registry;
  private final Clock clock;

  RetentionTask(ShardRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
  }

  @Override
  public void run() {
    for (StreamState stream : registry.streams()) {
      StreamMetadata metadata = stream.metadata();
      if (metadata == null) {
        continue;
      }
      long cutoff = clock.millis() - Duration.ofHours(metadata.retentionHours()).toMillis();
      for (LedShard shard : stream.led().values()) {
        apply(shard, cutoff);
      }
    }
  }

  /** One shard's failure must not stop retention of the others, nor the periodic task. */
  private static void apply(LedShard shard, long cutoff) {
    try {
      shard.log().dropOlderThan(cutoff);
    } catch (ShardLogClosedException e) {
      LOG.debug("{} closed during the retention check", shard.name());
    } catch (RuntimeException e) {
      LOG.error("retention check of {} failed; it is retried at the next check", shard.name(), e);
    }
  }
}

package io.tributary.broker.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Whether this broker may still believe it leads what it led: a generation that moves whenever
 * leadership comes into doubt (the ZooKeeper connection was suspended or lost, or the process was
 * paused), and a pause detector fed by a ticker. A write notes the generation before it appends and
 * answers success only if it did not move and the ticker is fresh, so that a broker paused past
 * its ZooKeeper session never acknowledges a write its successor does not have. Thread-safe.
 */
final class LeadershipFence {
  private final AtomicLong generation = new AtomicLong();
  private final LongSupplier nanoTime;
  private final long maxGapNanos;
  private volatile long lastTickNanos;

  /** @param maxGap the longest gap between ticks that is not a pause (a third of the ZooKeeper session timeout) */
  LeadershipFence(LongSupplier nanoTime, Duration maxGap) {
    this.nanoTime = nanoTime;
    this.maxGapNanos = maxGap.toNanos();
    this.lastTickNanos = nanoTime.getAsLong();
  }

  /** A fence that never moves, for a broker without ZooKeeper (tests). */
  static LeadershipFence none() {
    return new LeadershipFence(() -> 0, Duration.ofNanos(Long.MAX_VALUE));
  }

  long generation() {
    return generation.get();
  }

  /** Leadership came into doubt: writes under way must not be acknowledged. */
  void bump() {
    generation.incrementAndGet();
  }

  /** Whether the ticker ran recently enough that this process was not paused since. */
  boolean fresh() {
    return nanoTime.getAsLong() - lastTickNanos <= maxGapNanos;
  }

  /**
   * Called periodically by the ticker thread.
   *
   * @return true if the gap since the previous tick means the process was paused (the caller fences and re-validates)
   */
  boolean tick() {
    long now = nanoTime.getAsLong();
    long gap = now - lastTickNanos;
    lastTickNanos = now;
    return gap > maxGapNanos;
  }

  /** How a shard refuses writes while its leadership is being re-validated. */
  static String revalidating(String shardName) {
    return "this broker is re-validating its leadership of " + shardName + " with ZooKeeper (its connection was "
        + "interrupted or the process paused); retry shortly, or refresh the shard map if leadership moved";
  }
}

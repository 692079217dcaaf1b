package io.tributary.broker.internal;

import java.time.Clock;

/**
 * A shard's write rate over the last ten whole seconds of the injected clock, in one-second
 * buckets kept in a ring. Thread-safe (synchronized; appends to one shard are serialized anyway).
 *
 * <p>Whole seconds only, so that a steady load reads as its true rate rather than one diluted by
 * the second still under way; recording is O(1) and allocates nothing, as it runs on every append.
 */
final class WriteRateMeter {
  static final int WINDOW_SECONDS = 10;

  private final Clock clock;
  // Unused slots hold zero counts, so their second needs no sentinel.
  private final long[] seconds = new long[WINDOW_SECONDS];
  private final long[] records = new long[WINDOW_SECONDS];
  private final long[] bytes = new long[WINDOW_SECONDS];
  private long latestSecond = Long.MIN_VALUE;

  WriteRateMeter(Clock clock) {
    this.clock = clock;
  }

  /** Counts {@code recordCount} records of {@code byteCount} bytes written now. */
  synchronized void record(int recordCount, long byteCount) {
    // A clock stepping back charges the newest bucket instead of reopening an old one.
    long second = Math.max(Math.floorDiv(clock.millis(), 1000L), latestSecond);
    latestSecond = second;
    int slot = (int) Math.floorMod(second, (long) WINDOW_SECONDS);
    if (seconds[slot] != second) {
      seconds[slot] = second;
      records[slot] = 0;
      bytes[slot] = 0;
    }
    records[slot] += recordCount;
    bytes[slot] += byteCount;
  }

  /** Records per second over the last {@link #WINDOW_SECONDS} whole seconds. */
  synchronized double recordsPerSecond() {
    return sum(records) / (double) WINDOW_SECONDS;
  }

  /** Bytes (partition keys and data) per second over the last {@link #WINDOW_SECONDS} whole seconds. */
  synchronized double bytesPerSecond() {
    return sum(bytes) / (double) WINDOW_SECONDS;
  }

  private long sum(long[] values) {
    long current = Math.floorDiv(clock.millis(), 1000L);
    long total = 0;
    for (int i = 0; i < WINDOW_SECONDS; i++) {
      long age = current - seconds[i];
      if (age >= 1 && age <= WINDOW_SECONDS) {
        total += values[i];
      }
    }
    return total;
  }
}

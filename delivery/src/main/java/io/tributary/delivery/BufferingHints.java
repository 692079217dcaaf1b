package io.tributary.delivery;

import io.tributary.common.error.Errors;
import java.time.Duration;

/**
 * When a delivery stream's buffer becomes an object: once it holds {@code sizeBytes}, or once it
 * has been open for {@code interval}, whichever comes first. Immutable and thread-safe.
 *
 * <p>The bounds are Firehose's (1–128 MiB, 0–900 s, defaults 5 MiB / 300 s), so a configuration
 * that works there works here, and a buffer never grows beyond what one object write should carry.
 *
 * @param sizeBytes the buffered bytes that trigger a flush, 1 MiB to 128 MiB
 * @param interval the longest a buffer stays open, 0 to 900 seconds; 0 flushes at once
 */
public record BufferingHints(long sizeBytes, Duration interval) {
  public static final long MIB = 1024L * 1024L;
  public static final long MIN_SIZE_BYTES = MIB;
  public static final long MAX_SIZE_BYTES = 128 * MIB;
  public static final Duration MAX_INTERVAL = Duration.ofSeconds(900);
  public static final BufferingHints DEFAULT = new BufferingHints(5 * MIB, Duration.ofSeconds(300));

  public BufferingHints {
    if (sizeBytes < MIN_SIZE_BYTES || sizeBytes > MAX_SIZE_BYTES) {
      throw Errors.invalid(
          "buffer size " + sizeBytes + " bytes is " + (sizeBytes < MIN_SIZE_BYTES ? "below the minimum "
              + MIN_SIZE_BYTES + " bytes (1 MiB)" : "above the maximum " + MAX_SIZE_BYTES
              + " bytes (128 MiB)") + "; set --buffer-size between 1 MiB and 128 MiB");
    }
    if (interval == null) {
      throw Errors.invalid("buffer interval is missing; set --buffer-interval between 0s and 900s");
    }
    if (interval.isNegative() || interval.compareTo(MAX_INTERVAL) > 0) {
      throw Errors.invalid(
          "buffer interval " + interval.toMillis() + " ms is " + (interval.isNegative()
              ? "negative" : "above the maximum 900 s") + "; set --buffer-interval between 0s and 900s");
    }
  }

  /** Hints in Firehose's units: whole mebibytes and seconds. */
  public static BufferingHints of(int sizeMiB, int intervalSeconds) {
    return new BufferingHints(sizeMiB * MIB, Duration.ofSeconds(intervalSeconds));
  }

  /**
   * Whether a buffer holding {@code bufferedBytes}, open since {@code openedAtMillis} (processing
   * time), should become an object at {@code nowMillis}. An empty buffer never
   * flushes; an interval of 0 flushes anything at once.
   */
  public boolean shouldFlush(long bufferedBytes, long openedAtMillis, long nowMillis) {
    if (bufferedBytes <= 0) {
      return false;
    }
    return bufferedBytes >= sizeBytes || nowMillis - openedAtMillis >= interval.toMillis();
  }
}

package io.tributary.cli.bench;

import java.time.Duration;
import java.util.Locale;

/**
 * A benchmark's outcome and its one-line form, which scripts parse:
 * {@code RESULT records=N seconds=S records_per_s=X mb_per_s=Y p50_ms=A p99_ms=B}. Immutable.
 *
 * @param dataBytes bytes of record data (keys and framing excluded), as Kafka's tools count
 * @param latency percentiles when the benchmark measured latency, else null
 */
public record BenchResult(long records, long dataBytes, Duration elapsed, LatencyStats.Summary latency) {
  private static final double MIB = 1024.0 * 1024.0;

  public double seconds() {
    return Math.max(elapsed.toNanos(), 1) / 1e9;
  }

  public String line() {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
        "RESULT records=%d seconds=%.3f records_per_s=%.1f mb_per_s=%.2f",
        records, seconds(), records / seconds(), dataBytes / MIB / seconds()));
    if (latency != null) {
      line.append(String.format(Locale.ROOT, " p50_ms=%.2f p99_ms=%.2f", latency.p50Millis(), latency.p99Millis()));
    }
    return line.toString();
  }
}

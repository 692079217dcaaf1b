package io.tributary.cli.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies recorded from any thread (HdrHistogram's wait-free {@link Recorder}) and read by one
 * reporting thread. Thread-safe for recording; {@link #summary()} is for one reader at a time.
 */
public final class LatencyStats {
  private final Recorder recorder = new Recorder(3);
  private final Histogram total = new Histogram(3);

  /** Records one latency measured with {@link System#nanoTime()}. */
  public void record(long nanos) {
    recorder.recordValue(Math.max(0, nanos) / 1_000);
  }

  /** Percentiles of everything recorded so far. */
  public synchronized Summary summary() {
    total.add(recorder.getIntervalHistogram());
    return new Summary(
        total.getTotalCount(), total.getValueAtPercentile(50) / 1000.0, total.getValueAtPercentile(99) / 1000.0);
  }

  /** Count and percentiles in milliseconds. Immutable. */
  public record Summary(long count, double p50Millis, double p99Millis) {}
}

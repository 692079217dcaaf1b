package io.tributary.api.metrics;

import java.util.function.LongSupplier;

/**
 * User metrics of one subtask, reported by the worker to the coordinator with the subtask's other
 * metrics and shown per subtask by {@code trib job describe}. Names are dotted lower-case words
 * ({@code delivery.records_in}); registering a name twice returns the same counter, or replaces the
 * gauge. Counters are thread-safe; gauges are read from the reporting thread, so they must be too.
 */
public interface MetricGroup {
  /** A monotonic count, e.g. records delivered. */
  Counter counter(String name);

  /** A value read at each report, e.g. the age of the oldest undelivered record in milliseconds. */
  void gauge(String name, LongSupplier value);

  /** A group that keeps counts but reports nothing: for tests and engines without metrics. */
  static MetricGroup unreported() {
    return new UnreportedMetricGroup();
  }
}

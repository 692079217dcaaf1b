package io.tributary.api.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/** Counts and remembers gauges without reporting them anywhere. Thread-safe. */
final class UnreportedMetricGroup implements MetricGroup {
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  @Override
  public Counter counter(String name) {
    return counters.computeIfAbsent(name, n -> new Counter() {
      private final LongAdder adder = new LongAdder();

      @Override
      public void inc(long n) {
        adder.add(n);
      }

      @Override
      public long count() {
        return adder.sum();
      }
    });
  }

  @Override
  public void gauge(String name, LongSupplier value) {}
}

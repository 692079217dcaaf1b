package io.tributary.worker.task;

import io.tributary.api.metrics.Counter;
import io.tributary.api.metrics.MetricGroup;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The user metrics of one subtask, shared by every operator, source reader and sink writer of it
 * and read by the worker's reporter. Thread-safe.
 *
 * <p>Counters are {@link LongAdder}s so that a sink's publisher thread and the task thread can count
 * without contending; gauges run on the reading thread, and one that throws is left out of that
 * reading rather than breaking the report of the subtask's other metrics.
 */
public final class SubtaskMetricGroup implements MetricGroup {
  private static final Logger LOG = LogManager.getLogger(SubtaskMetricGroup.class);
  private static final Pattern NAME = Pattern.compile("[a-z0-9_]+(\\.[a-z0-9_]+)*");

  private final Map<String, AdderCounter> counters = new ConcurrentHashMap<>();
  private final Map<String, LongSupplier> gauges = new ConcurrentHashMap<>();
  /** Gauges whose failure was already logged at WARN: a gauge read every period must not flood the log. */
  private final Map<String, Boolean> failingGauges = new ConcurrentHashMap<>();

  @Override
  public Counter counter(String name) {
    AdderCounter counter = counters.get(name);
    if (counter != null) {
      return counter;
    }
    check(name, gauges, "gauge");
    return counters.computeIfAbsent(name, n -> new AdderCounter());
  }

  @Override
  public void gauge(String name, LongSupplier value) {
    if (value == null) {
      throw new IllegalArgumentException("gauge '" + name + "' needs a value supplier; pass one that returns a long");
    }
    check(name, counters, "counter");
    gauges.put(name, value);
    failingGauges.remove(name);
  }

  private static void check(String name, Map<String, ?> others, String otherKind) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("metric name '" + name + "' is not dotted lower-case words; "
          + "use letters, digits and '_' between dots, e.g. 'delivery.records_in'");
    }
    if (others.containsKey(name)) {
      throw new IllegalArgumentException("metric '" + name + "' is already registered as a " + otherKind
          + " of this subtask; give the new metric another name");
    }
  }

  /**
   * Counters' totals and gauges' current values by name, sorted; a gauge that throws is missing from
   * this reading.
   */
  public Map<String, Long> read() {
    Map<String, Long> values = new TreeMap<>();
    counters.forEach((name, counter) -> values.put(name, counter.count()));
    gauges.forEach((name, gauge) -> {
      try {
        values.put(name, gauge.getAsLong());
        failingGauges.remove(name);
      } catch (RuntimeException e) {
        logFailure(name, e);
      }
    });
    return values;
  }

  private void logFailure(String name, RuntimeException e) {
    if (failingGauges.putIfAbsent(name, Boolean.TRUE) == null) {
      LOG.warn("gauge '{}' threw while it was read; it is left out of the subtask's reports until it returns a "
          + "value again (fix the gauge's supplier)", name, e);
    } else {
      LOG.debug("gauge '{}' threw again: {}", name, e.toString());
    }
  }

  /** A counter many threads may increment. */
  private static final class AdderCounter implements Counter {
    private final LongAdder adder = new LongAdder();

    @Override
    public void inc(long n) {
      adder.add(n);
    }

    @Override
    public long count() {
      return adder.sum();
    }
  }
}

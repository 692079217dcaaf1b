package io.tributary.common.metrics;

import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * The metric registry of one server process: its own metrics plus the JVM's. Thread-safe.
 *
 * <p>Each process gets its own registry so that several brokers or coordinators in one JVM (tests,
 * {@code trib local}) keep their numbers apart; JVM metrics are registered once per JVM and shown by
 * every process registry, because the instrumentation remembers each registry it was given forever.
 */
public final class ProcessMetrics {
  private static final PrometheusRegistry JVM = jvmRegistry();

  private final PrometheusRegistry registry = new PrometheusRegistry();

  /** A registry that already shows the JVM metrics. */
  public ProcessMetrics() {
    registry.register((MultiCollector) ProcessMetrics::jvmSnapshots);
  }

  /** Where the process registers its metrics. */
  public PrometheusRegistry registry() {
    return registry;
  }

  private static MetricSnapshots jvmSnapshots() {
    return JVM.scrape();
  }

  private static PrometheusRegistry jvmRegistry() {
    PrometheusRegistry jvm = new PrometheusRegistry();
    JvmMetrics.builder().register(jvm);
    return jvm;
  }
}

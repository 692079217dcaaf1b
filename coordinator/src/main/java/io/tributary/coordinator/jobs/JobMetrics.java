package io.tributary.coordinator.jobs;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * The JobManager's Prometheus metrics: submissions by outcome, jobs by state. Thread-safe.
 *
 * <p>The gauge reads a copy the JobManager thread publishes, so a scrape never waits on that thread.
 */
public final class JobMetrics {
  private final Counter submissions;
  private volatile Map<JobStatus, Integer> byState = new EnumMap<>(JobStatus.class);

  public JobMetrics(PrometheusRegistry registry) {
    submissions = Counter.builder().name("tributary_coordinator_job_submissions_total")
        .help("job submissions by outcome (accepted, or the error name)")
        .labelNames("outcome").withoutExemplars().register(registry);
    GaugeWithCallback.builder().name("tributary_coordinator_jobs")
        .help("jobs this coordinator tracks as leader, by state (ended jobs: the last 100)")
        .labelNames("state")
        .callback(cb -> {
          Map<JobStatus, Integer> counts = byState;
          for (JobStatus state : JobStatus.values()) {
            cb.call(counts.getOrDefault(state, 0), state.name());
          }
        }).register(registry);
  }

  void submitted(String outcome) {
    submissions.labelValues(outcome).inc();
  }

  void publish(Map<JobStatus, Integer> counts) {
    Map<JobStatus, Integer> copy = new EnumMap<>(JobStatus.class);
    copy.putAll(counts);
    byState = copy;
  }
}

package io.tributary.worker.internal;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.tributary.worker.TaskKey;
import io.tributary.worker.task.Task;

/** The worker's Prometheus metrics, read from its task table at scrape time. Stateless. */
final class WorkerMetrics {
  private static final String[] TASK_LABELS = {"job", "vertex", "subtask"};

  private WorkerMetrics() {}

  static void register(PrometheusRegistry registry, TaskTable table) {
    GaugeWithCallback.builder().name("tributary_worker_slots").help("task slots this worker offers")
        .callback(cb -> cb.call(table.slots())).register(registry);
    GaugeWithCallback.builder().name("tributary_worker_slots_used").help("task slots running a subtask")
        .callback(cb -> cb.call(table.used())).register(registry);
    CounterWithCallback.builder().name("tributary_task_records_in").help("records a running subtask received")
        .labelNames(TASK_LABELS)
        .callback(cb -> table.tasks().forEach(t -> cb.call(t.metrics().recordsIn(), labels(t))))
        .register(registry);
    CounterWithCallback.builder().name("tributary_task_records_out").help("records a running subtask sent to other vertices")
        .labelNames(TASK_LABELS)
        .callback(cb -> table.tasks().forEach(t -> cb.call(t.metrics().recordsOut(), labels(t))))
        .register(registry);
    CounterWithCallback.builder().name("tributary_task_back_pressured_seconds")
        .help("time a running subtask was blocked on full output channels")
        .labelNames(TASK_LABELS)
        .callback(cb -> table.tasks().forEach(t -> cb.call(t.metrics().backPressuredMillis() / 1000.0, labels(t))))
        .register(registry);
  }

  private static String[] labels(Task task) {
    TaskKey key = task.key();
    return new String[] {key.jobId(), String.valueOf(key.vertexId()), String.valueOf(key.subtask())};
  }
}

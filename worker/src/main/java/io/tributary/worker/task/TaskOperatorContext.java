package io.tributary.worker.task;

import io.tributary.api.graph.ChainedNode;
import io.tributary.worker.checkpoint.TaskRestore;
import java.util.List;

import io.tributary.api.connectors.StreamConnector;
import io.tributary.api.graph.KeyGroupRange;
import io.tributary.api.graph.KeyGroups;
import io.tributary.api.metrics.MetricGroup;
import io.tributary.api.operators.OperatorContext;
import io.tributary.api.operators.ProcessingTimeService;
import java.time.Clock;

/** What one chained node of a subtask sees of the engine. Confined to the subtask's thread. */
final class TaskOperatorContext implements OperatorContext {
  private final TaskSpec spec;
  private final String operatorName;
  private final String uid;
  private final TaskTimers timers;
  private final TaskServices services;
  private final KeyGroupRange keyGroups;
  private final SubtaskMetricGroup metrics;

  TaskOperatorContext(TaskSpec spec, ChainedNode node, TaskTimers timers, TaskServices services,
      SubtaskMetricGroup metrics) {
    this.spec = spec;
    this.operatorName = node.name();
    this.uid = node.uid();
    this.timers = timers;
    this.services = services;
    this.keyGroups = KeyGroups.rangeFor(spec.maxParallelism(), spec.vertex().parallelism(), spec.subtask());
    this.metrics = metrics;
  }

  @Override
  public String jobName() {
    return spec.plan().jobName();
  }

  @Override
  public String operatorName() {
    return operatorName;
  }

  @Override
  public int maxParallelism() {
    return spec.maxParallelism();
  }

  @Override
  public KeyGroupRange keyGroupRange() {
    return keyGroups;
  }

  @Override
  public ProcessingTimeService processingTimeService() {
    return timers;
  }

  @Override
  public int subtaskIndex() {
    return spec.subtask();
  }

  @Override
  public int parallelism() {
    return spec.vertex().parallelism();
  }

  @Override
  public Clock clock() {
    return services.clock();
  }

  @Override
  public ClassLoader userClassLoader() {
    return spec.userClassLoader();
  }

  /** A source reader's positions (union state "source" of its node). */
  @Override
  public List<Object> restoredState() {
    TaskRestore restore = spec.restore();
    return restore.restoring() ? restore.forUid(uid).union(TaskRestore.SOURCE_STATE) : List.of();
  }

  @Override
  public long restoredCheckpointId() {
    return spec.restore().checkpointId();
  }

  @Override
  public String jobId() {
    return spec.key().jobId();
  }

  @Override
  public boolean checkpointingEnabled() {
    return spec.plan().checkpoints().enabled();
  }

  @Override
  public String operatorUid() {
    return uid;
  }

  /** One group per subtask: every node of the chain counts into the same metrics. */
  @Override
  public MetricGroup metrics() {
    return metrics;
  }

  @Override
  public <C> C connector(Class<C> type) {
    if (type == StreamConnector.class && services.streamConnector() != null) {
      return type.cast(services.streamConnector());
    }
    throw new IllegalStateException(
        "this worker provides no connector of type " + type.getName() + " to operator '" + operatorName
            + "'; the engine provides " + StreamConnector.class.getName() + " on workers of a cluster");
  }
}

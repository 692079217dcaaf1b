package io.tributary.worker.task;

import io.tributary.api.graph.JobPlan;
import io.tributary.api.graph.JobVertex;
import io.tributary.worker.TaskKey;
import io.tributary.worker.checkpoint.TaskRestore;
import io.tributary.worker.exchange.ChannelSpec;
import java.util.List;

/**
 * What one subtask runs: its vertex of the (subtask's own copy of the) plan and where its inputs come
 * from. Immutable once built; the operators inside belong to this subtask alone.
 *
 * @param channels one per producer subtask of each input edge, in input edge order
 * @param restore the state the subtask starts from ({@link TaskRestore#NONE} for a fresh start)
 */
public record TaskSpec(TaskKey key, JobPlan plan, JobVertex vertex, List<ChannelSpec> channels, ClassLoader userClassLoader,
    TaskRestore restore) {
  public TaskSpec {
    channels = List.copyOf(channels);
    restore = restore == null ? TaskRestore.NONE : restore;
  }

  /** A subtask starting fresh. */
  public TaskSpec(TaskKey key, JobPlan plan, JobVertex vertex, List<ChannelSpec> channels, ClassLoader userClassLoader) {
    this(key, plan, vertex, channels, userClassLoader, TaskRestore.NONE);
  }

  public int subtask() {
    return key.subtask();
  }

  public int maxParallelism() {
    return plan.maxParallelism();
  }
}

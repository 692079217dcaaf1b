package io.tributary.coordinator.jobs;

import io.tributary.api.graph.JobExecutor;
import io.tributary.api.graph.JobPlan;
import io.tributary.api.graph.JobResult;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The executor a job's main sees on the coordinator: {@code execute} keeps the plan and returns the
 * job's id at once. Thread-safe.
 *
 * <p>One main builds one job; a second execute would silently drop a pipeline, so it fails instead.
 */
final class CapturingExecutor implements JobExecutor {
  private final String jobId;
  private final int defaultParallelism;
  private final int maxParallelism;
  private final AtomicReference<JobPlan> captured = new AtomicReference<>();

  CapturingExecutor(String jobId, int defaultParallelism, int maxParallelism) {
    this.jobId = jobId;
    this.defaultParallelism = defaultParallelism;
    this.maxParallelism = maxParallelism;
  }

  @Override
  public int defaultParallelism() {
    return defaultParallelism;
  }

  @Override
  public int maxParallelism() {
    return maxParallelism;
  }

  @Override
  public JobResult execute(JobPlan plan) {
    if (plan == null) {
      throw new IllegalArgumentException("execute was given no plan");
    }
    if (!captured.compareAndSet(null, plan)) {
      throw new IllegalStateException("execute() was called a second time in one main; a job jar submits one job:"
          + " build every pipeline on the same environment and call execute() once");
    }
    return new JobResult(jobId);
  }

  /** The plan the main passed to execute, or null if it never called it. */
  JobPlan plan() {
    return captured.get();
  }
}

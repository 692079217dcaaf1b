package io.tributary.api.graph;

/**
 * Runs (or captures) the plan a job's main builds when it calls {@code execute}. The coordinator
 * installs one that captures the plan; tests install one that runs it in-process.
 */
public interface JobExecutor {
  /** Parallelism of operators that set none. */
  int defaultParallelism();

  int maxParallelism();

  /** Runs or captures the plan; returns when the job is submitted (or, for a local executor, done). */
  JobResult execute(JobPlan plan) throws Exception;
}

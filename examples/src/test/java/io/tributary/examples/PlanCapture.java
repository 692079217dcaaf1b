package io.tributary.examples;

import io.tributary.api.graph.JobExecutor;
import io.tributary.api.graph.JobExecutors;
import io.tributary.api.graph.JobPlan;
import io.tributary.api.graph.JobResult;
import java.util.concurrent.atomic.AtomicReference;

/** Runs a job's main as the coordinator does and keeps the plan it submits. Confined to the test's thread. */
final class PlanCapture {
  private PlanCapture() {}

  interface Main {
    void run(String[] args) throws Exception;
  }

  static JobPlan plan(Main main, int parallelism, String... args) throws Exception {
    AtomicReference<JobPlan> captured = new AtomicReference<>();
    JobExecutor executor = new JobExecutor() {
      @Override
      public int defaultParallelism() {
        return parallelism;
      }

      @Override
      public int maxParallelism() {
        return 128;
      }

      @Override
      public JobResult execute(JobPlan plan) {
        captured.set(plan);
        return new JobResult("0".repeat(32));
      }
    };
    JobExecutors.callWith(executor, () -> {
      main.run(args);
      return null;
    });
    return captured.get();
  }
}

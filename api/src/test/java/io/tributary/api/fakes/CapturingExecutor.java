package io.tributary.api.fakes;

import io.tributary.api.graph.JobExecutor;
import io.tributary.api.graph.JobPlan;
import io.tributary.api.graph.JobResult;
import java.util.ArrayList;
import java.util.List;

/** Keeps every plan it is asked to execute. Confined to the test thread. */
public final class CapturingExecutor implements JobExecutor {
  private final int defaultParallelism;
  private final int maxParallelism;
  private final List<JobPlan> plans = new ArrayList<>();

  public CapturingExecutor(int defaultParallelism, int maxParallelism) {
    this.defaultParallelism = defaultParallelism;
    this.maxParallelism = maxParallelism;
  }

  public List<JobPlan> plans() {
    return plans;
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
    plans.add(plan);
    return new JobResult("job-" + plans.size());
  }
}

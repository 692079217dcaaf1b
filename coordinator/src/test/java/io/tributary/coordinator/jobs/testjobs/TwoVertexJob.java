package io.tributary.coordinator.jobs.testjobs;

import io.tributary.api.graph.ChainedNode;
import io.tributary.api.graph.JobEdge;
import io.tributary.api.graph.JobExecutor;
import io.tributary.api.graph.JobExecutors;
import io.tributary.api.graph.JobPlan;
import io.tributary.api.graph.JobVertex;
import io.tributary.api.graph.Partitioning;
import java.util.List;

/**
 * A job main that builds a two-vertex plan by hand (source → sink over a rebalance edge), both at
 * the default parallelism, named by its first argument. Packed into a test jar.
 */
public final class TwoVertexJob {
  private TwoVertexJob() {}

  public static void main(String[] args) throws Exception {
    JobExecutor executor = JobExecutors.current();
    int p = executor.defaultParallelism();
    JobEdge edge = new JobEdge(1, 10, 0, null, 2, 1, new Partitioning.Rebalance());
    JobVertex source = new JobVertex(1, "numbers", p,
        List.of(new ChainedNode(10, "numbers", new TestFunction("source"), null, List.of())), List.of(), List.of(edge));
    JobVertex sink = new JobVertex(2, "double -> print", p,
        List.of(new ChainedNode(20, "double", new TestFunction("map"), null, List.of())), List.of(edge), List.of());
    String name = args.length > 0 ? args[0] : "two-vertex";
    executor.execute(new JobPlan(name, executor.maxParallelism(), true, List.of(source, sink)));
  }
}

package io.tributary.coordinator.jobs.testjobs;

import io.tributary.api.checkpoint.CheckpointSettings;
import io.tributary.api.checkpoint.RestartStrategy;
import io.tributary.api.graph.ChainedNode;
import io.tributary.api.graph.JobEdge;
import io.tributary.api.graph.JobExecutor;
import io.tributary.api.graph.JobExecutors;
import io.tributary.api.graph.JobPlan;
import io.tributary.api.graph.JobVertex;
import io.tributary.api.graph.Partitioning;
import java.time.Duration;
import java.util.List;

/**
 * A two-vertex job (source → sink over rebalance) that checkpoints every 10 s and restarts up to
 * three times without delay. The first argument names the sink's uid (default "sink"). Packed into
 * a test jar.
 */
public final class CheckpointedJob {
  private CheckpointedJob() {}

  public static void main(String[] args) throws Exception {
    JobExecutor executor = JobExecutors.current();
    int p = executor.defaultParallelism();
    String sinkUid = args.length > 0 ? args[0] : "sink";
    JobEdge edge = new JobEdge(1, 10, 0, null, 2, 1, new Partitioning.Rebalance());
    JobVertex source = new JobVertex(1, "numbers", p, List.of(new ChainedNode(10, "numbers",
        new TestFunction("source"), null, List.of(), "numbers")), List.of(), List.of(edge));
    JobVertex sink = new JobVertex(2, "sink", p, List.of(new ChainedNode(20, "sink", new TestFunction("sink"), null,
        List.of(), sinkUid)), List.of(edge), List.of());
    executor.execute(new JobPlan("checkpointed", executor.maxParallelism(), false, List.of(source, sink),
        CheckpointSettings.every(Duration.ofSeconds(10)).withTimeout(Duration.ofSeconds(60)),
        RestartStrategy.fixedDelay(3, Duration.ZERO)));
  }
}

package io.tributary.coordinator.jobs;

import io.tributary.api.checkpoint.CheckpointSettings;
import io.tributary.api.checkpoint.RestartStrategy;
import io.tributary.api.graph.ChainedNode;
import io.tributary.api.graph.JobEdge;
import io.tributary.api.graph.JobPlan;
import io.tributary.api.graph.JobVertex;
import java.util.ArrayList;
import java.util.List;

/**
 * What scheduling and checkpointing need of a plan: vertices, their parallelism, which vertices feed
 * each input edge, the operator uids of each chain, and the job's checkpoint and restart settings.
 * Immutable.
 *
 * <p>It holds no user objects, so keeping it does not keep the job's classes loaded.
 */
public record PlanShape(String jobName, int maxParallelism, List<VertexShape> vertices,
    CheckpointSettings checkpoints, RestartStrategy restartStrategy) {
  public PlanShape {
    vertices = List.copyOf(vertices);
    checkpoints = checkpoints == null ? CheckpointSettings.disabled() : checkpoints;
    restartStrategy = restartStrategy == null ? RestartStrategy.none() : restartStrategy;
  }

  /** A shape without checkpoints that fails at the first failure. */
  public PlanShape(String jobName, int maxParallelism, List<VertexShape> vertices) {
    this(jobName, maxParallelism, vertices, CheckpointSettings.disabled(), RestartStrategy.none());
  }

  /**
   * {@code inputSources} holds the source vertex of each input edge, in {@link JobVertex#inputs()} order;
   * {@code uids} the chained operators' state names, head first.
   */
  public record VertexShape(int id, String name, int parallelism, List<Integer> inputSources, List<String> uids) {
    public VertexShape {
      inputSources = List.copyOf(inputSources);
      uids = List.copyOf(uids);
    }

    public VertexShape(int id, String name, int parallelism, List<Integer> inputSources) {
      this(id, name, parallelism, inputSources, List.of("node-" + id));
    }

    /** Source vertices have no inputs; checkpoints are triggered at them. */
    public boolean isSource() {
      return inputSources.isEmpty();
    }
  }

  public static PlanShape of(JobPlan plan) {
    List<VertexShape> vertices = new ArrayList<>(plan.vertices().size());
    for (JobVertex v : plan.vertices()) {
      vertices.add(new VertexShape(v.id(), v.name(), v.parallelism(),
          v.inputs().stream().map(JobEdge::sourceVertex).toList(), v.nodes().stream().map(ChainedNode::uid).toList()));
    }
    return new PlanShape(plan.jobName(), plan.maxParallelism(), vertices, plan.checkpoints(), plan.restartStrategy());
  }

  public PlanShape withJobName(String name) {
    return new PlanShape(name, maxParallelism, vertices, checkpoints, restartStrategy);
  }

  public VertexShape vertex(int id) {
    for (VertexShape v : vertices) {
      if (v.id() == id) {
        return v;
      }
    }
    throw new IllegalArgumentException("job plan '" + jobName + "' has no vertex " + id);
  }

  /** Slots the job needs with slot sharing: its widest vertex's parallelism. */
  public int slotCount() {
    return vertices.stream().mapToInt(VertexShape::parallelism).max().orElse(0);
  }

  public int subtaskCount() {
    return vertices.stream().mapToInt(VertexShape::parallelism).sum();
  }

  /** Every operator uid of the plan. */
  public java.util.Set<String> uids() {
    java.util.Set<String> all = new java.util.LinkedHashSet<>();
    vertices.forEach(v -> all.addAll(v.uids()));
    return all;
  }
}

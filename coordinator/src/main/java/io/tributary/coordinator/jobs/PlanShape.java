package io.tributary.coordinator.jobs;

import io.tributary.api.graph.JobEdge;
import io.tributary.api.graph.JobPlan;
import io.tributary.api.graph.JobVertex;
import java.util.ArrayList;
import java.util.List;

/**
 * What scheduling needs of a plan: vertices, their parallelism and which vertices feed each input
 * edge. Immutable.
 *
 * <p>It holds no user objects, so keeping it does not keep the job's classes loaded.
 */
public record PlanShape(String jobName, int maxParallelism, List<VertexShape> vertices) {
  public PlanShape {
    vertices = List.copyOf(vertices);
  }

  /** {@code inputSources} holds the source vertex of each input edge, in {@link JobVertex#inputs()} order. */
  public record VertexShape(int id, String name, int parallelism, List<Integer> inputSources) {
    public VertexShape {
      inputSources = List.copyOf(inputSources);
    }
  }

  public static PlanShape of(JobPlan plan) {
    List<VertexShape> vertices = new ArrayList<>(plan.vertices().size());
    for (JobVertex v : plan.vertices()) {
      vertices.add(new VertexShape(v.id(), v.name(), v.parallelism(),
          v.inputs().stream().map(JobEdge::sourceVertex).toList()));
    }
    return new PlanShape(plan.jobName(), plan.maxParallelism(), vertices);
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
}

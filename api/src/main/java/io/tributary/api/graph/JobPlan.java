package io.tributary.api.graph;

import java.io.Serializable;
import java.util.List;

/**
 * The executable form of a job: vertices (operator chains) and the edges between them, in
 * topological order. Built by {@code JobPlanner} from what the user's main declared; Java-serialized
 * into each task deployment and read back with the job's class loader.
 */
public record JobPlan(String jobName, int maxParallelism, boolean bounded, List<JobVertex> vertices)
    implements Serializable {
  public JobPlan {
    vertices = List.copyOf(vertices);
  }

  public JobVertex vertex(int id) {
    for (JobVertex v : vertices) {
      if (v.id() == id) {
        return v;
      }
    }
    throw new IllegalArgumentException("job plan '" + jobName + "' has no vertex " + id);
  }
}

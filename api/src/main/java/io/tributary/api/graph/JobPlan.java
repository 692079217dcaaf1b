package io.tributary.api.graph;

import io.tributary.api.checkpoint.CheckpointSettings;
import io.tributary.api.checkpoint.RestartStrategy;
import java.io.Serializable;
import java.util.List;

/**
 * The executable form of a job: vertices (operator chains) and the edges between them, in
 * topological order. Built by {@code JobPlanner} from what the user's main declared; Java-serialized
 * into each task deployment and read back with the job's class loader.
 */
public record JobPlan(String jobName, int maxParallelism, boolean bounded, List<JobVertex> vertices,
    CheckpointSettings checkpoints, RestartStrategy restartStrategy) implements Serializable {
  public JobPlan {
    vertices = List.copyOf(vertices);
    checkpoints = checkpoints == null ? CheckpointSettings.disabled() : checkpoints;
    restartStrategy = restartStrategy == null ? RestartStrategy.none() : restartStrategy;
  }

  /** A plan without checkpoints that fails at the first failure. */
  public JobPlan(String jobName, int maxParallelism, boolean bounded, List<JobVertex> vertices) {
    this(jobName, maxParallelism, bounded, vertices, CheckpointSettings.disabled(), RestartStrategy.none());
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

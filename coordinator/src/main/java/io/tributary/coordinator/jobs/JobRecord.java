package io.tributary.coordinator.jobs;

import java.util.List;

/**
 * A job as it is kept in ZooKeeper at {@code jobs/<id>} and described to clients: its state, times,
 * and where each subtask runs. Immutable.
 *
 * <p>Times are epoch milliseconds; 0 means "not yet". Metrics are as of the last state change.
 */
public record JobRecord(String id, String name, JobStatus state, long submitTimeMs, long runningTimeMs,
    long endTimeMs, int parallelism, int maxParallelism, String failure, List<Vertex> vertices) {
  public JobRecord {
    failure = failure == null ? "" : failure;
    vertices = List.copyOf(vertices);
  }

  /** One operator chain and its subtasks. */
  public record Vertex(int id, String name, int parallelism, List<Subtask> subtasks) {
    public Vertex {
      subtasks = List.copyOf(subtasks);
    }
  }

  /** One subtask: where it runs, its state, its counters. */
  public record Subtask(int subtask, SubtaskState state, String workerId, String workerAddress, long recordsIn,
      long recordsOut, long backPressuredMs, String failure) {
    public Subtask {
      failure = failure == null ? "" : failure;
    }
  }
}

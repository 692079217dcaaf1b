package io.tributary.coordinator.jobs;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A job as it is kept in ZooKeeper at {@code jobs/<id>} and described to clients: its state, times,
 * where each subtask runs, its attempt and restarts, and its recent checkpoints. Immutable.
 *
 * <p>Times are epoch milliseconds; 0 means "not yet". Metrics are as of the last state change.
 * {@code fromSavepoint} is the checkpoint directory the job was submitted with (empty: none), which
 * a restart before its first checkpoint restores again; {@code mainClass} and {@code args} let a
 * rescale run the main again.
 */
public record JobRecord(String id, String name, JobStatus state, long submitTimeMs, long runningTimeMs,
    long endTimeMs, int parallelism, int maxParallelism, String failure, List<Vertex> vertices, int attempt,
    int restarts, List<CheckpointRecord> checkpoints, RestoreRecord lastRestore, String fromSavepoint,
    String mainClass, List<String> args) {
  public JobRecord {
    failure = failure == null ? "" : failure;
    vertices = List.copyOf(vertices);
    checkpoints = checkpoints == null ? List.of() : List.copyOf(checkpoints);
    fromSavepoint = fromSavepoint == null ? "" : fromSavepoint;
    mainClass = mainClass == null ? "" : mainClass;
    args = args == null ? List.of() : List.copyOf(args);
  }

  public JobRecord(String id, String name, JobStatus state, long submitTimeMs, long runningTimeMs, long endTimeMs,
      int parallelism, int maxParallelism, String failure, List<Vertex> vertices) {
    this(id, name, state, submitTimeMs, runningTimeMs, endTimeMs, parallelism, maxParallelism, failure, vertices, 0, 0,
        List.of(), null, "", "", List.of());
  }

  /** One operator chain and its subtasks. */
  public record Vertex(int id, String name, int parallelism, List<Subtask> subtasks) {
    public Vertex {
      subtasks = List.copyOf(subtasks);
    }
  }

  /**
   * One subtask: where it runs, its state, its counters and its user metrics (by name; those of the
   * current attempt, so they start again at 0 after a restart).
   */
  public record Subtask(int subtask, SubtaskState state, String workerId, String workerAddress, long recordsIn,
      long recordsOut, long backPressuredMs, String failure, Map<String, Long> metrics) {
    public Subtask {
      failure = failure == null ? "" : failure;
      metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(metrics));
    }

    public Subtask(int subtask, SubtaskState state, String workerId, String workerAddress, long recordsIn,
        long recordsOut, long backPressuredMs, String failure) {
      this(subtask, state, workerId, workerAddress, recordsIn, recordsOut, backPressuredMs, failure, Map.of());
    }
  }
}

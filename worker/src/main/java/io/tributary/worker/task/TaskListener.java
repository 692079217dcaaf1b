package io.tributary.worker.task;

import io.tributary.proto.v1.TaskState;
import io.tributary.worker.TaskKey;

/** Hears a subtask's transitions, on the subtask's thread. Implementations must be thread-safe. */
public interface TaskListener {
  /**
   * @param failure the exception class, message and stack trace for {@link TaskState#TASK_FAILED}, else empty
   */
  void transition(Task task, TaskState state, String failure);
}

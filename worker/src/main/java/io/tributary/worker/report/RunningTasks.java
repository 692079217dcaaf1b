package io.tributary.worker.report;

import io.tributary.proto.v1.TaskId;
import io.tributary.proto.v1.TaskStatus;
import java.util.List;

/** What a reporter asks the worker for each period. Thread-safe. */
public interface RunningTasks {
  /** Status with metrics of every subtask running now. */
  List<TaskStatus> running();

  /** The coordinator no longer knows these subtasks (job ended, attempt superseded): cancel them. */
  void unknown(List<TaskId> tasks);
}

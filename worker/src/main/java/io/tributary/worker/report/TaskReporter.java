package io.tributary.worker.report;

import io.tributary.proto.v1.TaskStatus;
import io.tributary.worker.task.CheckpointResponder;

/**
 * Tells the leading coordinator what the worker's subtasks do: transitions at once, metrics of
 * running subtasks periodically, checkpoint acknowledgements and declines as they come. Thread-safe.
 */
public interface TaskReporter extends AutoCloseable, CheckpointResponder {
  /** Queues a transition (running, finished, failed, canceled) to send promptly; never blocks. */
  void report(TaskStatus transition);

  /** The coordinator that deployed a task: where to report while no better leader address is known. */
  void coordinatorHint(String address);

  /** Sends what is queued (bounded wait), then stops. */
  @Override
  void close();
}

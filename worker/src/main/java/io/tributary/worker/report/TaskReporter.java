package io.tributary.worker.report;

import io.tributary.proto.v1.TaskStatus;

/**
 * Tells the leading coordinator what the worker's subtasks do: transitions at once, metrics of
 * running subtasks periodically. Thread-safe.
 */
public interface TaskReporter extends AutoCloseable {
  /** Queues a transition (running, finished, failed, canceled) to send promptly; never blocks. */
  void report(TaskStatus transition);

  /** The coordinator that deployed a task: where to report while no better leader address is known. */
  void coordinatorHint(String address);

  /** Sends what is queued (bounded wait), then stops. */
  @Override
  void close();
}

package io.tributary.worker.task;

import io.tributary.worker.exchange.CheckpointBarrier;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Requests for a subtask that must run on its own thread (checkpoint triggers and notifications),
 * taken between two batches or polls. Thread-safe.
 */
final class TaskMailbox {
  /** One request. */
  sealed interface Mail permits Trigger, Notify {}

  /** Snapshot now and send the barrier (source subtasks); {@code drain} ends the input after it. */
  record Trigger(CheckpointBarrier barrier, boolean drain) implements Mail {}

  /** A checkpoint completed ({@code completed}) or was aborted. */
  record Notify(long checkpointId, boolean completed) implements Mail {}

  private final ConcurrentLinkedQueue<Mail> queue = new ConcurrentLinkedQueue<>();

  void put(Mail mail) {
    queue.add(mail);
  }

  /** The oldest request, or null. */
  Mail poll() {
    return queue.poll();
  }
}

package io.tributary.worker.task;

import io.tributary.proto.v1.CheckpointAck;
import io.tributary.proto.v1.CheckpointDecline;
import org.apache.logging.log4j.LogManager;

/** Where subtasks acknowledge or decline checkpoints (the leading coordinator). Thread-safe. */
public interface CheckpointResponder {
  /** Logs instead of sending, for subtasks run without a coordinator. */
  CheckpointResponder LOGGING = new CheckpointResponder() {
    @Override
    public void acknowledge(CheckpointAck ack) {
      LogManager.getLogger(CheckpointResponder.class).info("checkpoint {} acknowledged by {} (no coordinator): {}",
          ack.getCheckpointId(), ack.getTask(), ack.getStatePath());
    }

    @Override
    public void decline(CheckpointDecline decline) {
      LogManager.getLogger(CheckpointResponder.class).warn("checkpoint {} declined by {} (no coordinator): {}",
          decline.getCheckpointId(), decline.getTask(), decline.getReason());
    }
  };

  /** Queues the acknowledgement to send promptly (retried across leader changes); never blocks. */
  void acknowledge(CheckpointAck ack);

  /** Queues the decline to send promptly; never blocks. */
  void decline(CheckpointDecline decline);
}

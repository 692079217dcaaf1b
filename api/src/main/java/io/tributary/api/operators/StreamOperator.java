package io.tributary.api.operators;

import io.tributary.api.checkpoint.OperatorRestore;
import io.tributary.api.checkpoint.OperatorSnapshot;
import java.io.Serializable;

/**
 * The unit the engine runs: one instance per subtask, deserialized from the job plan, driven by the
 * subtask's single thread (initializeState when restoring, open, then elements/watermarks/timers and
 * checkpoints, then finish when every input ended, then close). Operators own their state and
 * timers and hand them over at checkpoints.
 */
public interface StreamOperator<OUT> extends Serializable {
  void open(OperatorContext context, Output<OUT> output) throws Exception;

  /**
   * Every input ended (bounded job): flush what is buffered. The engine delivers a watermark of
   * {@link Long#MAX_VALUE} before this, so event-time windows and timers have fired already.
   */
  default void finish() throws Exception {}

  /**
   * Called before {@link #open} when the subtask starts from a checkpoint or savepoint, with the state
   * this subtask owns (see {@link OperatorRestore}); not called on a fresh start.
   */
  default void initializeState(OperatorRestore restored) throws Exception {}

  /**
   * Hands over this operator's state at checkpoint {@code checkpointId}, on the subtask's thread
   * when the barrier passes: everything before the barrier is in it, nothing after. The engine
   * serializes the returned objects before the next record, so they may be live objects.
   */
  default OperatorSnapshot snapshotState(long checkpointId) throws Exception {
    return OperatorSnapshot.EMPTY;
  }

  /** Checkpoint {@code checkpointId} completed everywhere: side effects up to it may be committed. */
  default void notifyCheckpointComplete(long checkpointId) throws Exception {}

  /** Checkpoint {@code checkpointId} will never complete (timed out, declined, job restarting). */
  default void notifyCheckpointAborted(long checkpointId) throws Exception {}

  /** Releases resources; called after finish, and also when the task fails or is canceled. */
  default void close() throws Exception {}
}

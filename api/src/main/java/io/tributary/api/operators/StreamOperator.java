package io.tributary.api.operators;

import java.io.Serializable;

/**
 * The unit the engine runs: one instance per subtask, deserialized from the job plan, driven by the
 * subtask's single thread (open, then elements/watermarks/timers, then finish when every input
 * ended, then close). Operators own their state and timers; checkpoint hooks arrive with
 * checkpointing.
 */
public interface StreamOperator<OUT> extends Serializable {
  void open(OperatorContext context, Output<OUT> output) throws Exception;

  /**
   * Every input ended (bounded job): flush what is buffered. The engine delivers a watermark of
   * {@link Long#MAX_VALUE} before this, so event-time windows and timers have fired already.
   */
  default void finish() throws Exception {}

  /** Releases resources; called after finish, and also when the task fails or is canceled. */
  default void close() throws Exception {}
}

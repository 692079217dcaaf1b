package io.tributary.api.operators;

import io.tributary.api.functions.OutputTag;

/**
 * Where an operator emits: the next chained operator, or the exchange to the next subtasks.
 * Confined to the subtask's thread. Records must not be mutated after they are emitted.
 */
public interface Output<T> {
  /** @param timestamp event time in epoch ms, or {@link Timestamps#NONE} */
  void collect(T value, long timestamp);

  /** Emits to a side output; dropped when nothing consumes that tag. */
  <X> void collect(OutputTag<X> tag, X value, long timestamp);

  /** Forwards event time; never called with a value below an earlier one. */
  void emitWatermark(long watermark);

  /** Tells downstream that this output is idle (true) or active again (false). */
  void emitIdle(boolean idle);
}

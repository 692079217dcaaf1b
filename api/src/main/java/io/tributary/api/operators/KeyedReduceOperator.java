package io.tributary.api.operators;

import io.tributary.api.functions.*;
import io.tributary.api.windowing.*;

/** Placeholder signature; the operators work fills it in. */
public final class KeyedReduceOperator<K, IN> implements OneInputOperator<IN, IN> {
  private static final long serialVersionUID = 1L;

  public KeyedReduceOperator(KeySelector<IN, K> keySelector, ReduceFunction<IN> reducer) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  @Override
  public void open(OperatorContext context, Output<IN> output) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  @Override
  public void processElement(IN value, long timestamp) {}

  @Override
  public void processWatermark(long watermark) {}
}

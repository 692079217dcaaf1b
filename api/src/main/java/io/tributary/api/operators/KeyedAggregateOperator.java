package io.tributary.api.operators;

import io.tributary.api.functions.*;
import io.tributary.api.windowing.*;

/** Placeholder signature; the operators work fills it in. */
public final class KeyedAggregateOperator<K, IN, ACC, OUT> implements OneInputOperator<IN, OUT> {
  private static final long serialVersionUID = 1L;

  public KeyedAggregateOperator(KeySelector<IN, K> keySelector, AggregateFunction<IN, ACC, OUT> aggregate) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  @Override
  public void open(OperatorContext context, Output<OUT> output) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  @Override
  public void processElement(IN value, long timestamp) {}

  @Override
  public void processWatermark(long watermark) {}
}

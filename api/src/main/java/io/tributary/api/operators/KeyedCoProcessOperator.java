package io.tributary.api.operators;

import io.tributary.api.functions.*;
import io.tributary.api.windowing.*;

/** Placeholder signature; the operators work fills it in. */
public final class KeyedCoProcessOperator<K, IN1, IN2, OUT> implements TwoInputOperator<IN1, IN2, OUT> {
  private static final long serialVersionUID = 1L;

  public KeyedCoProcessOperator(KeySelector<IN1, K> keySelector1, KeySelector<IN2, K> keySelector2, KeyedCoProcessFunction<K, IN1, IN2, OUT> function) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  @Override
  public void open(OperatorContext context, Output<OUT> output) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  @Override
  public void processElement1(IN1 value, long timestamp) {}

  @Override
  public void processElement2(IN2 value, long timestamp) {}

  @Override
  public void processWatermark1(long watermark) {}

  @Override
  public void processWatermark2(long watermark) {}
}

package io.tributary.api.operators;

import io.tributary.api.time.TimerService;

/**
 * Times of a non-keyed operator: readable, but timers need a key to fire for. Confined to the
 * subtask's thread.
 */
final class NonKeyedTimerService implements TimerService {
  private final AbstractStreamOperator<?> operator;

  NonKeyedTimerService(AbstractStreamOperator<?> operator) {
    this.operator = operator;
  }

  @Override
  public long currentProcessingTime() {
    return operator.currentProcessingTime();
  }

  @Override
  public long currentWatermark() {
    return operator.currentWatermark();
  }

  @Override
  public void registerEventTimeTimer(long time) {
    throw unsupported();
  }

  @Override
  public void registerProcessingTimeTimer(long time) {
    throw unsupported();
  }

  @Override
  public void deleteEventTimeTimer(long time) {
    throw unsupported();
  }

  @Override
  public void deleteProcessingTimeTimer(long time) {
    throw unsupported();
  }

  private static UnsupportedOperationException unsupported() {
    return new UnsupportedOperationException(
        "timers need a keyed stream: use keyBy(...).process(KeyedProcessFunction) instead of process(ProcessFunction)");
  }
}

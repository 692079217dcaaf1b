package io.tributary.api.operators;

import io.tributary.api.time.TimerService;

/**
 * The user's view of a keyed operator's timers: timers of the current key, without a namespace.
 * Confined to the subtask's thread.
 */
final class KeyedTimerService implements TimerService {
  private final AbstractStreamOperator<?> operator;
  private final InternalTimerService timers;

  KeyedTimerService(AbstractStreamOperator<?> operator) {
    this.operator = operator;
    this.timers = operator.timerService();
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
    timers.registerEventTimeTimer(null, time);
  }

  @Override
  public void registerProcessingTimeTimer(long time) {
    timers.registerProcessingTimeTimer(null, time);
  }

  @Override
  public void deleteEventTimeTimer(long time) {
    timers.deleteEventTimeTimer(null, time);
  }

  @Override
  public void deleteProcessingTimeTimer(long time) {
    timers.deleteProcessingTimeTimer(null, time);
  }
}

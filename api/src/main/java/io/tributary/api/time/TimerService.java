package io.tributary.api.time;

/**
 * Current times and per-key timers. Registering the same (key, time, domain) twice keeps one timer.
 * Event-time timers fire when the watermark reaches their time; processing-time timers when the
 * clock does. Registering needs a keyed stream.
 */
public interface TimerService {
  long currentProcessingTime();

  /** The operator's current watermark; {@link Long#MIN_VALUE} before the first one. */
  long currentWatermark();

  void registerEventTimeTimer(long time);

  void registerProcessingTimeTimer(long time);

  void deleteEventTimeTimer(long time);

  void deleteProcessingTimeTimer(long time);
}

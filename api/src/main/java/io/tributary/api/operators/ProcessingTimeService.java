package io.tributary.api.operators;

/**
 * Processing time for one subtask: the clock and callbacks at a time. Callbacks run on the subtask's
 * thread, between elements, never concurrently with them. The engine backs it with the injected
 * clock; the test harness with a manual one.
 */
public interface ProcessingTimeService {
  long currentProcessingTime();

  /** Runs {@code callback} once the clock reaches {@code time} (at once, on the subtask thread, if it has). */
  Cancellable registerTimer(long time, Callback callback);

  @FunctionalInterface
  interface Callback {
    void onProcessingTime(long time) throws Exception;
  }

  interface Cancellable {
    void cancel();
  }
}

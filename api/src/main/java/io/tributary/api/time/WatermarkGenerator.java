package io.tributary.api.time;

/** Generates watermarks from the records a source subtask sees. Confined to that subtask's thread. */
public interface WatermarkGenerator<T> {
  void onEvent(T event, long eventTimestamp, WatermarkOutput output);

  /** Called every {@link WatermarkStrategy#PERIODIC_INTERVAL_MS} of processing time. */
  void onPeriodicEmit(WatermarkOutput output);
}

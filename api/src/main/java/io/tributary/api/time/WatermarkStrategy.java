package io.tributary.api.time;

import java.io.Serializable;
import java.time.Duration;

/**
 * How a stream gets event time: a timestamp assigner and a watermark generator, created per
 * subtask. Sources apply it as they read; {@code assignTimestampsAndWatermarks} applies it mid-stream.
 */
public interface WatermarkStrategy<T> extends Serializable {
  long PERIODIC_INTERVAL_MS = 200;

  WatermarkGenerator<T> createWatermarkGenerator(WatermarkGeneratorContext context);

  /** Keeps the record's existing timestamp unless overridden with {@link #withTimestampAssigner}. */
  default TimestampAssigner<T> createTimestampAssigner() {
    return (element, recordTimestamp) -> recordTimestamp;
  }

  default WatermarkStrategy<T> withTimestampAssigner(TimestampAssigner<T> assigner) {
    return new WatermarkStrategies.WithAssigner<>(this, assigner);
  }

  /** Marks the subtask idle after {@code timeout} without records, so it does not hold back event time. */
  default WatermarkStrategy<T> withIdleness(Duration timeout) {
    return new WatermarkStrategies.WithIdleness<>(this, timeout);
  }

  /** Watermark = highest timestamp seen - maxOutOfOrderness - 1 ms. */
  static <T> WatermarkStrategy<T> forBoundedOutOfOrderness(Duration maxOutOfOrderness) {
    return new WatermarkStrategies.BoundedOutOfOrderness<>(maxOutOfOrderness);
  }

  static <T> WatermarkStrategy<T> forMonotonousTimestamps() {
    return new WatermarkStrategies.BoundedOutOfOrderness<>(Duration.ZERO);
  }

  /** No watermarks: event-time windows never fire (until the end of a bounded input). */
  static <T> WatermarkStrategy<T> noWatermarks() {
    return new WatermarkStrategies.None<>();
  }
}

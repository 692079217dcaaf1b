package io.tributary.api.operators;

import io.tributary.api.functions.Collector;

/**
 * A {@link Collector} that emits to an {@link Output} with the timestamp set before each call into
 * user code; one instance per operator, so emitting allocates nothing. Confined to the subtask's thread.
 */
final class TimestampedCollector<T> implements Collector<T> {
  private final Output<T> output;
  private long timestamp = Timestamps.NONE;

  TimestampedCollector(Output<T> output) {
    this.output = output;
  }

  void setTimestamp(long timestamp) {
    this.timestamp = timestamp;
  }

  long timestamp() {
    return timestamp;
  }

  @Override
  public void collect(T value) {
    output.collect(value, timestamp);
  }
}

package io.tributary.api.testing;

import io.tributary.api.operators.Timestamps;

/** A record an operator emitted, with its timestamp ({@link Timestamps#NONE} when it has none). Immutable. */
public record TimestampedValue<T>(T value, long timestamp) {
  public boolean hasTimestamp() {
    return timestamp != Timestamps.NONE;
  }

  @Override
  public String toString() {
    return value + (hasTimestamp() ? "@" + timestamp : "@-");
  }
}

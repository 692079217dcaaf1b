package io.tributary.api.time;

import java.io.Serializable;

/** Extracts a record's event time in epoch milliseconds. */
@FunctionalInterface
public interface TimestampAssigner<T> extends Serializable {
  /** @param recordTimestamp the timestamp the record already has (e.g. a stream record's arrival), or {@link Long#MIN_VALUE} */
  long extractTimestamp(T element, long recordTimestamp);
}

package io.tributary.broker;

import com.google.protobuf.ByteString;

/**
 * Records read from a shard log, already in RecordBatch wire form. Immutable.
 *
 * @param records the stored records, each framed as field 1 of a RecordBatch
 * @param count how many records {@code records} holds
 * @param nextSequenceNumber where the next read continues
 * @param nextArrivalMillis arrival time of the record at {@code nextSequenceNumber}, or -1 when the
 *     read reached the end of the log (the reader is caught up)
 */
public record ReadBatch(ByteString records, int count, long nextSequenceNumber, long nextArrivalMillis) {
  public static ReadBatch empty(long nextSequenceNumber) {
    return new ReadBatch(ByteString.EMPTY, 0, nextSequenceNumber, -1);
  }

  /** How far this read is behind the end of the log, as a reader sees it at {@code nowMillis}. */
  public long millisBehindLatest(long nowMillis) {
    return nextArrivalMillis < 0 ? 0 : Math.max(0, nowMillis - nextArrivalMillis);
  }
}

package io.tributary.delivery.job;

import io.tributary.delivery.ErrorOutputType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The records one partition (or one kind of error output) has buffered since its last object.
 * Confined to the subtask's thread.
 */
final class OpenBuffer {
  private final Map<String, String> partitionKeys;
  private final ErrorOutputType errorType;
  private final ArrayList<byte[]> records = new ArrayList<>();
  private long[] arrivals = new long[16];
  private long bytes;
  private long oldestArrival = Long.MAX_VALUE;
  /**
   * When the buffer opened, in processing time: the buffer interval counts from here, not from the
   * oldest record's arrival, so that a backlog read after an outage fills buffers instead of closing
   * one per record (Firehose, too, counts from when it received the data).
   */
  private final long openedAt;

  OpenBuffer(Map<String, String> partitionKeys, ErrorOutputType errorType, long openedAt) {
    this.partitionKeys = partitionKeys;
    this.errorType = errorType;
    this.openedAt = openedAt;
  }

  /** A restored buffer counts its interval from the restore. */
  static OpenBuffer restore(BufferState state, long now) {
    OpenBuffer buffer = new OpenBuffer(state.partitionKeys(), state.errorType(), now);
    buffer.addAll(state);
    return buffer;
  }

  void add(byte[] record, long arrivalMillis) {
    int n = records.size();
    if (n == arrivals.length) {
      arrivals = Arrays.copyOf(arrivals, n * 2);
    }
    arrivals[n] = arrivalMillis;
    records.add(record);
    bytes += record.length;
    oldestArrival = Math.min(oldestArrival, arrivalMillis);
  }

  /** Appends a restored buffer's records (two old subtasks may have buffered the same partition). */
  void addAll(BufferState state) {
    List<byte[]> restored = state.records();
    for (int i = 0; i < restored.size(); i++) {
      add(restored.get(i), state.arrivals()[i]);
    }
  }

  boolean isEmpty() {
    return records.isEmpty();
  }

  long bytes() {
    return bytes;
  }

  /** The oldest arrival buffered, {@link Long#MAX_VALUE} when empty. */
  long oldestArrival() {
    return oldestArrival;
  }

  long openedAt() {
    return openedAt;
  }

  Map<String, String> partitionKeys() {
    return partitionKeys;
  }

  ErrorOutputType errorType() {
    return errorType;
  }

  List<byte[]> records() {
    return List.copyOf(records);
  }

  long[] arrivals() {
    return Arrays.copyOf(arrivals, records.size());
  }

  BufferState toState() {
    return new BufferState(partitionKeys, errorType, records(), arrivals());
  }
}

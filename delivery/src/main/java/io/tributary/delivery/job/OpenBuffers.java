package io.tributary.delivery.job;

import io.tributary.delivery.BufferingHints;
import io.tributary.delivery.ErrorOutputType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One subtask's open buffers: one per distinct partition-key map, as Firehose buffers per
 * partition, and one per kind of error output. Closes a buffer when its buffering hints say so and
 * hands the closed batch on. Confined to the subtask's thread, except {@link #oldestArrival}, which
 * the metrics reporter reads.
 */
final class OpenBuffers {
  private final BufferingHints hints;
  private final BatchCloser closer;
  private final Consumer<ClosedBatch> closed;
  /** In opening order, so that a replay closes and numbers buffers the same way. */
  private final Map<Map<String, String>, OpenBuffer> data = new LinkedHashMap<>();
  private final Map<ErrorOutputType, OpenBuffer> errors = new EnumMap<>(ErrorOutputType.class);
  private volatile long oldestArrival = Long.MAX_VALUE;

  OpenBuffers(BufferingHints hints, BatchCloser closer, Consumer<ClosedBatch> closed) {
    this.hints = hints;
    this.closer = closer;
    this.closed = closed;
  }

  /** The buffer for {@code partitionKeys}, or null when there is none yet. */
  OpenBuffer dataBuffer(Map<String, String> partitionKeys) {
    return data.get(partitionKeys);
  }

  /** Opens the buffer for {@code partitionKeys}, which the object prefix was checked to accept. */
  OpenBuffer openDataBuffer(Map<String, String> partitionKeys, long now) {
    OpenBuffer buffer = new OpenBuffer(partitionKeys, null, now);
    data.put(partitionKeys, buffer);
    return buffer;
  }

  void append(OpenBuffer buffer, byte[] record, long arrivalMillis, long now) {
    buffer.add(record, arrivalMillis);
    if (arrivalMillis < oldestArrival) {
      oldestArrival = arrivalMillis;
    }
    if (hints.shouldFlush(buffer.bytes(), buffer.openedAt(), now)) {
      if (buffer.errorType() == null) {
        data.remove(buffer.partitionKeys());
      } else {
        errors.remove(buffer.errorType());
      }
      close(buffer);
      recomputeOldest();
    }
  }

  void appendError(ErrorOutputType type, byte[] line, long arrivalMillis, long now) {
    OpenBuffer buffer = errors.computeIfAbsent(type, t -> new OpenBuffer(Map.of(), t, now));
    append(buffer, line, arrivalMillis, now);
  }

  /** Closes the buffers whose interval has passed at {@code now}. */
  void closeDue(long now) {
    boolean any = closeDue(data.values().iterator(), now) | closeDue(errors.values().iterator(), now);
    if (any) {
      recomputeOldest();
    }
  }

  /** Closes every buffer (the input ended). */
  void closeAll() {
    closeDue(Long.MAX_VALUE);
  }

  void restore(BufferState state, long now) {
    OpenBuffer buffer = state.errorType() == null ? data.get(state.partitionKeys()) : errors.get(state.errorType());
    if (buffer != null) {
      buffer.addAll(state);
    } else if (state.errorType() == null) {
      data.put(state.partitionKeys(), OpenBuffer.restore(state, now));
    } else {
      errors.put(state.errorType(), OpenBuffer.restore(state, now));
    }
    recomputeOldest();
  }

  List<BufferState> states() {
    List<BufferState> states = new ArrayList<>(data.size() + errors.size());
    data.values().forEach(b -> states.add(b.toState()));
    errors.values().forEach(b -> states.add(b.toState()));
    return states;
  }

  /** The oldest arrival in any open buffer, {@link Long#MAX_VALUE} when all are empty. Thread-safe. */
  long oldestArrival() {
    return oldestArrival;
  }

  private boolean closeDue(Iterator<OpenBuffer> buffers, long now) {
    boolean any = false;
    while (buffers.hasNext()) {
      OpenBuffer buffer = buffers.next();
      if (hints.shouldFlush(buffer.bytes(), buffer.openedAt(), now)) {
        buffers.remove();
        close(buffer);
        any = true;
      }
    }
    return any;
  }

  private void close(OpenBuffer buffer) {
    closed.accept(closer.close(buffer));
  }

  private void recomputeOldest() {
    long oldest = Long.MAX_VALUE;
    for (OpenBuffer buffer : data.values()) {
      oldest = Math.min(oldest, buffer.oldestArrival());
    }
    for (OpenBuffer buffer : errors.values()) {
      oldest = Math.min(oldest, buffer.oldestArrival());
    }
    oldestArrival = oldest;
  }
}

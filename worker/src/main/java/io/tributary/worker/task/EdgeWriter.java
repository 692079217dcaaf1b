package io.tributary.worker.task;

import io.tributary.api.functions.KeySelector;
import io.tributary.api.graph.KeyGroups;
import io.tributary.api.graph.Partitioning;
import io.tributary.worker.exchange.RecordWriter;

/**
 * One output edge of a subtask: picks the channel of each record by the edge's partitioning and
 * writes it. Confined to the subtask's thread.
 */
final class EdgeWriter {
  private enum Kind { FORWARD, REBALANCE, BROADCAST, HASH }

  private final RecordWriter writer;
  private final Kind kind;
  private final KeySelector<Object, ?> keySelector;
  private final int subtask;
  private final int maxParallelism;
  private final int channels;
  private final TaskMetrics metrics;
  private int next;

  @SuppressWarnings("unchecked")
  EdgeWriter(RecordWriter writer, Partitioning partitioning, int subtask, int maxParallelism, TaskMetrics metrics) {
    this.writer = writer;
    this.subtask = subtask;
    this.maxParallelism = maxParallelism;
    this.channels = writer.numChannels();
    this.metrics = metrics;
    // start round robin at the subtask's own index so that producers do not all hit channel 0 first
    this.next = channels == 0 ? 0 : subtask % channels;
    if (partitioning instanceof Partitioning.Hash hash) {
      this.kind = Kind.HASH;
      this.keySelector = (KeySelector<Object, ?>) hash.keySelector();
    } else {
      this.keySelector = null;
      this.kind = partitioning instanceof Partitioning.Forward ? Kind.FORWARD
          : partitioning instanceof Partitioning.Broadcast ? Kind.BROADCAST : Kind.REBALANCE;
    }
  }

  void emit(Object value, long timestamp) throws Exception {
    metrics.recordOut();
    switch (kind) {
      case FORWARD -> writer.emit(value, timestamp, subtask % channels);
      case REBALANCE -> {
        next = next + 1 == channels ? 0 : next + 1;
        writer.emit(value, timestamp, next);
      }
      case BROADCAST -> writer.broadcast(value, timestamp);
      case HASH -> writer.emit(value, timestamp,
          KeyGroups.subtaskForKey(keySelector.getKey(value), maxParallelism, channels));
      default -> throw new IllegalStateException("unknown partitioning " + kind);
    }
  }

  RecordWriter writer() {
    return writer;
  }
}

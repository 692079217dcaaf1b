package io.tributary.delivery.job;

/**
 * Turns open buffers into named {@link ClosedBatch}es: numbers them since the subtask's latest
 * snapshot or restore. Confined to the subtask's thread.
 *
 * <p>The numbering restarts at every snapshot because snapshot ids only grow: a name made after
 * snapshot c can clash only with a name another attempt made after the same snapshot, and such an
 * object was never delivered (it is delivered only once a later checkpoint completes, and then a
 * restore starts from that one).
 */
final class BatchCloser {
  private final ObjectKeys keys;
  private final int subtask;
  private long base;
  private long sequence;

  /** @param base the restored checkpoint id, 0 on a fresh start */
  BatchCloser(ObjectKeys keys, int subtask, long base) {
    this.keys = keys;
    this.subtask = subtask;
    this.base = base;
  }

  ClosedBatch close(OpenBuffer buffer) {
    long oldest = buffer.oldestArrival();
    long seq = sequence++;
    String key = buffer.errorType() == null
        ? keys.dataKey(buffer.partitionKeys(), oldest, subtask, base, seq)
        : keys.errorKey(buffer.errorType(), oldest, subtask, base, seq);
    return new ClosedBatch(key, buffer.errorType() != null, buffer.records(), buffer.arrivals(), buffer.bytes(),
        oldest, subtask, base, seq);
  }

  /** The subtask took snapshot {@code checkpointId}: later batches belong to the next checkpoint. */
  void snapshotTaken(long checkpointId) {
    base = checkpointId;
    sequence = 0;
  }
}

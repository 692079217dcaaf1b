package io.tributary.worker.exchange;

/**
 * Writes one output edge of a producing subtask: fills one batch per channel and hands it to the
 * channel's subpartition when full, on control events and on flush. Confined to the producing
 * task's thread, except {@link #backPressuredNanos()}, which any thread may read.
 *
 * <p>Events go out at once (watermarks and idleness must not wait behind a half-empty batch).
 */
final class PartitionWriter implements RecordWriter {
  private final ResultPartition partition;
  private final int batchSize;
  private final ElementBatch[] current;
  private volatile long backPressuredNanos;
  private boolean finished;

  PartitionWriter(ResultPartition partition, int batchSize) {
    this.partition = partition;
    this.batchSize = batchSize;
    this.current = new ElementBatch[partition.numSubpartitions()];
  }

  @Override
  public int numChannels() {
    return current.length;
  }

  @Override
  public void emit(Object value, long timestamp, int channel) throws InterruptedException {
    if (batchFor(channel).addRecord(value, timestamp)) {
      handOver(channel);
    }
  }

  @Override
  public void broadcast(Object value, long timestamp) throws InterruptedException {
    for (int channel = 0; channel < current.length; channel++) {
      emit(value, timestamp, channel);
    }
  }

  @Override
  public void broadcastWatermark(long watermark) throws InterruptedException {
    broadcastEvent(ElementBatch.WATERMARK, watermark);
  }

  @Override
  public void broadcastIdle(boolean idle) throws InterruptedException {
    broadcastEvent(idle ? ElementBatch.IDLE : ElementBatch.ACTIVE, 0L);
  }

  @Override
  public void broadcastBarrier(CheckpointBarrier barrier) throws InterruptedException {
    for (int channel = 0; channel < current.length; channel++) {
      batchFor(channel).addBarrier(barrier);
      handOver(channel);
    }
  }

  @Override
  public void flush() throws InterruptedException {
    for (int channel = 0; channel < current.length; channel++) {
      if (current[channel] != null && !current[channel].isEmpty()) {
        handOver(channel);
      }
    }
  }

  @Override
  public void finish() throws InterruptedException {
    if (!finished) {
      broadcastEvent(ElementBatch.END_OF_PARTITION, 0L);
      finished = true;
    }
  }

  @Override
  public long backPressuredNanos() {
    return backPressuredNanos;
  }

  private void broadcastEvent(byte kind, long value) throws InterruptedException {
    for (int channel = 0; channel < current.length; channel++) {
      batchFor(channel).addEvent(kind, value);
      handOver(channel);
    }
  }

  private ElementBatch batchFor(int channel) {
    if (finished) {
      throw new IllegalStateException("output " + partition.key() + " already finished; nothing may follow end of partition");
    }
    ElementBatch batch = current[channel];
    if (batch == null) {
      batch = new ElementBatch(batchSize);
      current[channel] = batch;
    }
    return batch;
  }

  private void handOver(int channel) throws InterruptedException {
    ElementBatch batch = current[channel];
    current[channel] = null;
    long blocked = partition.subpartition(channel).add(batch);
    if (blocked > 0) {
      backPressuredNanos += blocked;
    }
  }
}

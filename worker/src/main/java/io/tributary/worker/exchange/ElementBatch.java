package io.tributary.worker.exchange;

import java.util.Arrays;

/**
 * A batch of stream elements in arrival order: records with timestamps and control events
 * (watermark, idle, active, end of partition; barriers later). Filled by one thread, handed over
 * through a queue, read by another; never shared while being filled.
 *
 * <p>Parallel arrays rather than one object per element, so a batch of 512 records costs four
 * allocations however many elements it holds.
 */
public final class ElementBatch {
  public static final byte RECORD = 0;
  public static final byte WATERMARK = 1;
  public static final byte IDLE = 2;
  public static final byte ACTIVE = 3;
  public static final byte END_OF_PARTITION = 4;
  /** A checkpoint barrier; its value (read with {@link #timestamp}) is the checkpoint id. */
  public static final byte BARRIER = 5;

  private final byte[] kinds;
  private final Object[] values;
  private final long[] timestamps;
  private int size;

  public ElementBatch(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("batch capacity must be at least 1, was " + capacity);
    }
    this.kinds = new byte[capacity];
    this.values = new Object[capacity];
    this.timestamps = new long[capacity];
  }

  /** @return true when the batch is now full */
  public boolean addRecord(Object value, long timestamp) {
    int index = reserve();
    values[index] = value;
    timestamps[index] = timestamp;
    return size == kinds.length;
  }

  /**
   * Adds a control event; {@code value} is the watermark of a WATERMARK, the checkpoint id of a
   * BARRIER, else ignored. @return true when full
   */
  public boolean addEvent(byte kind, long value) {
    if (kind <= RECORD || kind > BARRIER) {
      throw new IllegalArgumentException(
          "unknown event kind " + kind + "; use WATERMARK, IDLE, ACTIVE, END_OF_PARTITION or BARRIER");
    }
    int index = reserve();
    kinds[index] = kind;
    values[index] = null;
    timestamps[index] = kind == WATERMARK || kind == BARRIER ? value : 0L;
    return size == kinds.length;
  }

  /** Adds a BARRIER for {@code barrier}'s checkpoint; read it back with {@link #barrier}. @return true when full */
  public boolean addBarrier(CheckpointBarrier barrier) {
    boolean full = addEvent(BARRIER, barrier.checkpointId());
    values[size - 1] = barrier;
    return full;
  }

  /** The barrier at {@code index}, which must be a BARRIER element. */
  public CheckpointBarrier barrier(int index) {
    checkIndex(index);
    if (kinds[index] != BARRIER || !(values[index] instanceof CheckpointBarrier barrier)) {
      throw new IllegalStateException("element " + index + " is not a checkpoint barrier: " + this);
    }
    return barrier;
  }

  private int reserve() {
    if (size == kinds.length) {
      throw new IllegalStateException("batch is full (" + size + " elements); hand it over before adding more");
    }
    kinds[size] = RECORD;
    return size++;
  }

  public int size() {
    return size;
  }

  public int capacity() {
    return kinds.length;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public boolean isFull() {
    return size == kinds.length;
  }

  /** True when the last element is END_OF_PARTITION: the channel delivers nothing after this batch. */
  public boolean endsPartition() {
    return size > 0 && kinds[size - 1] == END_OF_PARTITION;
  }

  public byte kind(int index) {
    checkIndex(index);
    return kinds[index];
  }

  /** The record at {@code index} (null for events). */
  public Object value(int index) {
    checkIndex(index);
    return values[index];
  }

  /** The record's timestamp, or the watermark of a WATERMARK event. */
  public long timestamp(int index) {
    checkIndex(index);
    return timestamps[index];
  }

  private void checkIndex(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("element " + index + " of a batch of " + size);
    }
  }

  @Override
  public String toString() {
    return "ElementBatch{size=" + size + ", kinds=" + Arrays.toString(Arrays.copyOf(kinds, size)) + "}";
  }
}

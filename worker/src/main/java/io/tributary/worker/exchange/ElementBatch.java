package io.tributary.worker.exchange;

/**
 * A batch of stream elements in arrival order: records with timestamps and control events
 * (watermark, idle, active, end of partition; barriers later). Filled by one thread, handed over
 * through a queue, read by another; never shared while being filled.
 */
public final class ElementBatch {
  public static final byte RECORD = 0;
  public static final byte WATERMARK = 1;
  public static final byte IDLE = 2;
  public static final byte ACTIVE = 3;
  public static final byte END_OF_PARTITION = 4;

  public ElementBatch(int capacity) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** @return true when the batch is now full */
  public boolean addRecord(Object value, long timestamp) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Adds a control event; for WATERMARK {@code value} is the watermark, else ignored. @return true when full */
  public boolean addEvent(byte kind, long value) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  public int size() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  public byte kind(int index) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** The record at {@code index} (null for events). */
  public Object value(int index) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** The record's timestamp, or the watermark of a WATERMARK event. */
  public long timestamp(int index) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}

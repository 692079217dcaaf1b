package io.tributary.broker.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import net.openhft.chronicle.bytes.Bytes;

/**
 * Builds the RecordBatch wire form of a read (tag 0x0A, varint length, stored bytes per record) in
 * one array that becomes the response's {@code bytes} field without another copy. Confined to the
 * reading thread.
 */
final class BatchBuffer {
  static final byte RECORD_TAG = (1 << 3) | 2;
  private static final int MAX_FRAME_OVERHEAD = 1 + 5;

  private byte[] buf;
  private int pos;

  BatchBuffer(int initialCapacity) {
    this.buf = new byte[Math.max(64, initialCapacity)];
  }

  /** The framed size of a stored record of {@code length} bytes. */
  static int framedSize(int length) {
    return 1 + RecordCodec.varintSize(length) + length;
  }

  int size() {
    return pos;
  }

  /** Copies the record between {@code record}'s read position and limit, framed. */
  void append(Bytes<?> record, int length) {
    ensure(MAX_FRAME_OVERHEAD + length);
    buf[pos++] = RECORD_TAG;
    pos = RecordCodec.writeVarint(buf, pos, length);
    record.read(buf, pos, length);
    pos += length;
  }

  /** The bytes written so far; the buffer must not be used afterwards. */
  ByteString toByteString() {
    return pos == 0 ? ByteString.EMPTY : UnsafeByteOperations.unsafeWrap(buf, 0, pos);
  }

  private void ensure(int more) {
    if (pos + more > buf.length) {
      byte[] grown = new byte[Math.max(pos + more, buf.length * 2)];
      System.arraycopy(buf, 0, grown, 0, pos);
      buf = grown;
    }
  }
}

package io.tributary.broker.internal;

import com.google.protobuf.ByteOutput;
import java.nio.ByteBuffer;
import net.openhft.chronicle.bytes.Bytes;

/**
 * Lets a {@link com.google.protobuf.ByteString} copy itself into Chronicle bytes without an
 * intermediate array. Confined to the thread holding its log's append lock; reused for every record.
 */
final class BytesSink extends ByteOutput {
  private Bytes<?> target;

  void target(Bytes<?> bytes) {
    this.target = bytes;
  }

  @Override
  public void write(byte value) {
    target.writeByte(value);
  }

  @Override
  public void write(byte[] value, int offset, int length) {
    target.write(value, offset, length);
  }

  @Override
  public void writeLazy(byte[] value, int offset, int length) {
    target.write(value, offset, length);
  }

  @Override
  public void write(ByteBuffer value) {
    while (value.hasRemaining()) {
      target.writeSome(value);
    }
  }

  @Override
  public void writeLazy(ByteBuffer value) {
    write(value);
  }
}

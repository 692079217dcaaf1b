package io.tributary.delivery.format;

import java.io.ByteArrayOutputStream;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Parquet output "file" in memory, created once. Confined to the thread writing the object. An
 * object is delivered as one byte array, so writing it to memory avoids a temporary file.
 */
final class InMemoryOutputFile implements OutputFile {
  private final ByteArrayOutputStream bytes;

  InMemoryOutputFile(int initialCapacity) {
    this.bytes = new ByteArrayOutputStream(initialCapacity);
  }

  @Override
  public PositionOutputStream create(long blockSizeHint) {
    return createOrOverwrite(blockSizeHint);
  }

  @Override
  public PositionOutputStream createOrOverwrite(long blockSizeHint) {
    bytes.reset();
    return new PositionOutputStream() {
      @Override
      public long getPos() {
        return bytes.size();
      }

      @Override
      public void write(int b) {
        bytes.write(b);
      }

      @Override
      public void write(byte[] data, int offset, int length) {
        bytes.write(data, offset, length);
      }
    };
  }

  @Override
  public boolean supportsBlockSize() {
    return false;
  }

  @Override
  public long defaultBlockSize() {
    return 0;
  }

  @Override
  public String getPath() {
    return "memory";
  }

  /** The file's bytes as written so far (complete once the writer is closed). */
  byte[] toByteArray() {
    return bytes.toByteArray();
  }
}

package io.tributary.broker.internal;

import com.google.protobuf.ByteOutput;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hash key of a partition key (the MD5 of its UTF-8 bytes as an unsigned 128-bit number),
 * computed into two longs without allocating. Thread-safe: each thread has its own digest.
 */
final class PartitionHashes {
  private static final ThreadLocal<Md5> MD5 = ThreadLocal.withInitial(Md5::new);

  private PartitionHashes() {}

  /** Stores the hash of {@code utf8Key} in {@code high[slot]} and {@code low[slot]}. */
  static void hash(ByteString utf8Key, long[] high, long[] low, int slot) {
    Md5 md5 = MD5.get();
    md5.digest(utf8Key);
    high[slot] = readLong(md5.out, 0);
    low[slot] = readLong(md5.out, 8);
  }

  private static long readLong(byte[] b, int offset) {
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (b[offset + i] & 0xFFL);
    }
    return value;
  }

  /** One thread's digest, output buffer and a sink that feeds the digest from a ByteString. */
  private static final class Md5 extends ByteOutput {
    private final MessageDigest digest;
    private final byte[] out = new byte[16];

    Md5() {
      try {
        digest = MessageDigest.getInstance("MD5");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("the JDK has no MD5", e);
      }
    }

    void digest(ByteString key) {
      try {
        UnsafeByteOperations.unsafeWriteTo(key, this);
        digest.digest(out, 0, 16);
      } catch (IOException | DigestException e) {
        throw new UncheckedIOException(new IOException("cannot hash a partition key", e));
      }
    }

    @Override
    public void write(byte value) {
      digest.update(value);
    }

    @Override
    public void write(byte[] value, int offset, int length) {
      digest.update(value, offset, length);
    }

    @Override
    public void writeLazy(byte[] value, int offset, int length) {
      digest.update(value, offset, length);
    }

    @Override
    public void write(ByteBuffer value) {
      digest.update(value);
    }

    @Override
    public void writeLazy(ByteBuffer value) {
      digest.update(value);
    }
  }
}

package io.tributary.common.stream;

import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32C;

/**
 * The text form of shard iterators: URL-safe base64 of a small binary record (version, stream, uid,
 * shard, next sequence, issue time) followed by its CRC32C. Thread-safe (stateless).
 *
 * <p>Iterators hold their whole position, so any broker leading the shard can serve them, also after
 * a restart, and a front end (the Kinesis-compatible gateway) can tell from the iterator alone which
 * shard to ask. The checksum detects damage, not forgery: an iterator grants nothing a caller could
 * not ask for directly. Age is not checked here; that is the issuing side's, on its own clock.
 */
public final class ShardIterators {
  private static final byte VERSION = 1;
  private static final int MAX_TEXT_LENGTH = 512;
  private static final int FIXED_BYTES = 1 + 3 + 8 + 8 + 4;

  private ShardIterators() {}

  public static String encode(ShardIterator iterator) {
    byte[] stream = iterator.stream().getBytes(StandardCharsets.UTF_8);
    byte[] uid = iterator.streamUid().getBytes(StandardCharsets.UTF_8);
    byte[] shard = iterator.shardId().getBytes(StandardCharsets.UTF_8);
    ByteBuffer buf = ByteBuffer.allocate(FIXED_BYTES + stream.length + uid.length + shard.length);
    buf.put(VERSION);
    putString(buf, stream);
    putString(buf, uid);
    putString(buf, shard);
    buf.putLong(iterator.sequenceNumber());
    buf.putLong(iterator.issuedMillis());
    buf.putInt(checksum(buf.array(), buf.position()));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buf.array());
  }

  /**
   * The iterator {@code text} encodes, whatever its age.
   *
   * @throws TributaryException INVALID_ARGUMENT if it is malformed, damaged or made up
   */
  public static ShardIterator parse(String text) {
    if (text == null || text.isEmpty()) {
      throw malformed("it is empty");
    }
    if (text.length() > MAX_TEXT_LENGTH) {
      throw malformed("it is " + text.length() + " characters long, more than an iterator ever is");
    }
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw malformed("it is not URL-safe base64");
    }
    if (bytes.length < FIXED_BYTES) {
      throw malformed("it is too short");
    }
    int end = bytes.length - 4;
    if (checksum(bytes, end) != ByteBuffer.wrap(bytes, end, 4).getInt()) {
      throw malformed("its checksum does not match (it was altered or truncated)");
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes, 0, end);
    if (buf.get() != VERSION) {
      throw malformed("it has an unknown version");
    }
    try {
      ShardIterator iterator =
          new ShardIterator(getString(buf), getString(buf), getString(buf), buf.getLong(), buf.getLong());
      if (buf.hasRemaining() || iterator.sequenceNumber() < 0) {
        throw malformed("its content is inconsistent");
      }
      return iterator;
    } catch (BufferUnderflowException e) {
      throw malformed("its content is inconsistent");
    }
  }

  private static void putString(ByteBuffer buf, byte[] utf8) {
    if (utf8.length > 255) {
      throw new IllegalArgumentException("iterator field of " + utf8.length + " bytes is too long");
    }
    buf.put((byte) utf8.length);
    buf.put(utf8);
  }

  private static String getString(ByteBuffer buf) {
    int length = buf.get() & 0xFF;
    byte[] utf8 = new byte[length];
    buf.get(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }

  private static int checksum(byte[] bytes, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, length);
    return (int) crc.getValue();
  }

  private static TributaryException malformed(String why) {
    return Errors.invalid("malformed shard iterator: " + why + "; get a new one with GetShardIterator");
  }
}

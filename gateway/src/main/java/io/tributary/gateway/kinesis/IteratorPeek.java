package io.tributary.gateway.kinesis;

import io.tributary.gateway.wire.GatewayException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Reads the stream, stream uid and shard out of a native shard iterator, which GetRecords needs
 * because Kinesis sends the iterator alone. Immutable.
 *
 * <p>Only the leading fields of the iterator's layout (version 1: base64url of version byte, then
 * length-prefixed stream, uid, shard) are read; checksum and expiry stay the broker's to check, so a
 * damaged iterator that still names a shard is rejected there with the broker's message.
 */
public record IteratorPeek(String stream, String streamUid, String shardId) {
  private static final byte VERSION = 1;
  private static final int MAX_TEXT_LENGTH = 512;

  /**
   * @throws GatewayException InvalidArgumentException when the text is no iterator
   */
  public static IteratorPeek of(String iterator) {
    if (iterator.isEmpty() || iterator.length() > MAX_TEXT_LENGTH) {
      throw invalid("it is " + iterator.length() + " characters long; iterators have 1 to " + MAX_TEXT_LENGTH);
    }
    try {
      ByteBuffer buf = ByteBuffer.wrap(Base64.getUrlDecoder().decode(iterator));
      if (buf.get() != VERSION) {
        throw invalid("it has an unknown version");
      }
      return new IteratorPeek(string(buf), string(buf), string(buf));
    } catch (IllegalArgumentException | BufferUnderflowException e) {
      throw invalid("it is not an iterator this service issued");
    }
  }

  private static String string(ByteBuffer buf) {
    byte[] utf8 = new byte[buf.get() & 0xFF];
    buf.get(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }

  private static GatewayException invalid(String why) {
    return GatewayException.invalidArgument("ShardIterator is invalid: " + why
        + "; get one with GetShardIterator");
  }
}

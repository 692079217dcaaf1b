package io.tributary.gateway.kinesis;

import io.tributary.gateway.wire.GatewayException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;

/**
 * ListShards NextTokens: the stream, its uid, the last shard listed and the filter, with the issue
 * time, as URL-safe base64. Thread-safe.
 *
 * <p>Tokens live {@link #TTL_MILLIS} like Kinesis's, so a caller paging a stream that was re-created
 * meanwhile is told to start again rather than handed another stream's shards.
 */
public final class PageTokens {
  static final long TTL_MILLIS = 300_000;
  private static final byte VERSION = 1;

  private final Clock clock;

  public PageTokens(Clock clock) {
    this.clock = clock;
  }

  /** Where the next page of a listing starts. Immutable. */
  public record Page(String stream, String streamUid, String lastShardId, ShardFilter filter) {}

  public String issue(Page page) {
    String text = String.join("\n", page.stream(), page.streamUid(), page.lastShardId(),
        nullToEmpty(page.filter().type()), nullToEmpty(page.filter().shardId()));
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    ByteBuffer buf = ByteBuffer.allocate(1 + 16 + utf8.length);
    buf.put(VERSION).putLong(page.filter().millis()).putLong(clock.millis()).put(utf8);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buf.array());
  }

  /**
   * @throws GatewayException ExpiredNextTokenException when older than five minutes,
   *     InvalidArgumentException when it is no token of ours
   */
  public Page read(String token) {
    ByteBuffer buf;
    try {
      buf = ByteBuffer.wrap(Base64.getUrlDecoder().decode(token));
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (buf.remaining() < 17 || buf.get() != VERSION) {
      throw invalid();
    }
    long filterMillis = buf.getLong();
    long age = clock.millis() - buf.getLong();
    String[] parts = StandardCharsets.UTF_8.decode(buf).toString().split("\n", -1);
    if (parts.length != 5) {
      throw invalid();
    }
    if (age > TTL_MILLIS) {
      throw new GatewayException("ExpiredNextTokenException", 400, "NextToken expired: it was issued " + age / 1000
          + "s ago and is valid for 300s; list again without NextToken");
    }
    ShardFilter filter = new ShardFilter(emptyToNull(parts[3]), emptyToNull(parts[4]), filterMillis);
    return new Page(parts[0], parts[1], parts[2], filter);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  private static String emptyToNull(String s) {
    return s.isEmpty() ? null : s;
  }

  private static GatewayException invalid() {
    return GatewayException.invalidArgument("NextToken is not one ListShards issued; pass the NextToken of the "
        + "previous answer unchanged, or list again without it");
  }
}

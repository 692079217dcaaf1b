package io.tributary.broker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.Limits;
import io.tributary.common.stream.ShardIterator;
import io.tributary.common.time.ManualClock;
import java.time.Duration;
import java.util.Base64;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class ShardIteratorCodecTest {
  private final ManualClock clock = new ManualClock(1_800_000_000_000L);
  private final ShardIteratorCodec codec = new ShardIteratorCodec(clock);
  private final ShardIterator iterator =
      new ShardIterator("clicks.v2", "0b7c-uid", "shardId-000000000003", 1_234_567, clock.millis());

  @Test
  void roundTripsAsUrlSafeText() {
    String text = codec.encode(iterator);

    assertThat(text).matches("[A-Za-z0-9_-]+").hasSizeLessThan(512);
    assertThat(codec.decode(text)).isEqualTo(iterator);
  }

  @Test
  void staysValidForFiveMinutes() {
    String text = codec.encode(iterator);
    clock.advance(Duration.ofMillis(Limits.ITERATOR_TTL_MILLIS));

    assertThat(codec.decode(text)).isEqualTo(iterator);
  }

  @Test
  void expiresAfterFiveMinutes() {
    String text = codec.encode(iterator);
    clock.advance(Duration.ofMillis(Limits.ITERATOR_TTL_MILLIS + 1));

    assertThatThrownBy(() -> codec.decode(text))
        .isInstanceOf(TributaryException.class)
        .hasMessageContaining("expired")
        .hasMessageContaining("get a new one with GetShardIterator")
        .extracting(e -> ((TributaryException) e).code())
        .isEqualTo(ErrorCode.EXPIRED_ITERATOR);
  }

  @Test
  void rejectsAlteredIterators() {
    String text = codec.encode(iterator);
    char[] chars = text.toCharArray();
    int middle = chars.length / 2;
    chars[middle] = chars[middle] == 'A' ? 'B' : 'A';

    assertMalformed(new String(chars)).hasMessageContaining("checksum does not match");
    assertMalformed(text.substring(0, text.length() - 3)).hasMessageContaining("checksum");
  }

  @Test
  void rejectsMadeUpIterators() {
    assertMalformed("").hasMessageContaining("empty");
    assertMalformed(null).hasMessageContaining("empty");
    assertMalformed("not an iterator!").hasMessageContaining("not URL-safe base64");
    assertMalformed("AAAA").hasMessageContaining("too short");
    assertMalformed(Base64.getUrlEncoder().encodeToString(new byte[40])).hasMessageContaining("checksum");
    assertMalformed("A".repeat(600)).hasMessageContaining("600 characters");
  }

  private AbstractThrowableAssert<?, ? extends Throwable> assertMalformed(String text) {
    return assertThatThrownBy(() -> codec.decode(text))
        .isInstanceOfSatisfying(
            TributaryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageStartingWith("malformed shard iterator")
        .hasMessageContaining("get a new one with GetShardIterator");
  }
}

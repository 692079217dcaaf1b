package io.tributary.gateway.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.gateway.wire.GatewayException;
import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class SequenceNumbersTest {
  private static final String UID = "0f8e2c1a-uid";

  @Property(tries = 300)
  void roundTripsAndKeepsTheKclV2Shape(@ForAll @LongRange(min = -1) long sequence,
      @ForAll @IntRange(min = 0, max = 1_000_000) int shard) {
    String text = SequenceNumbers.encode(sequence, shard, UID);
    BigInteger k = new BigInteger(text);
    assertThat(text).hasSize(56);
    assertThat(k.bitLength()).isEqualTo(186);
    assertThat(k.shiftRight(184).intValue()).isEqualTo(2);
    assertThat(k.shiftRight(4).and(BigInteger.valueOf(0xFFFF_FFFFL)).intValue()).isEqualTo(shard);
    assertThat(SequenceNumbers.decode(text, shard, UID)).isEqualTo(sequence);
  }

  @Property(tries = 300)
  void keepsNativeOrderWithinAShard(@ForAll @LongRange(min = -1) long a, @ForAll @LongRange(min = -1) long b,
      @ForAll @IntRange(min = 0, max = 1_000) int shard) {
    BigInteger ka = new BigInteger(SequenceNumbers.encode(a, shard, UID));
    BigInteger kb = new BigInteger(SequenceNumbers.encode(b, shard, UID));
    assertThat(Integer.signum(ka.compareTo(kb))).isEqualTo(Long.signum(Long.compare(a, b)));
  }

  @Test
  void rejectsNumbersOfAnotherShardOrStreamIncarnation() {
    String text = SequenceNumbers.encode(41, 3, UID);
    assertThatThrownBy(() -> SequenceNumbers.decode(text, 4, UID))
        .isInstanceOf(GatewayException.class).hasMessageContaining("another shard");
    assertThatThrownBy(() -> SequenceNumbers.decode(text, 3, "another-uid"))
        .isInstanceOf(GatewayException.class).hasMessageContaining("earlier stream");
    assertThatThrownBy(() -> SequenceNumbers.decode("12ab", 3, UID))
        .isInstanceOf(GatewayException.class).hasMessageContaining("not a decimal");
    assertThatThrownBy(() -> SequenceNumbers.decode(BigInteger.ONE.shiftLeft(100).toString(), 3, UID))
        .isInstanceOf(GatewayException.class).hasMessageContaining("this service issued");
  }

  @Test
  void acceptsSmallDecimalsAsNativeNumbers() {
    assertThat(SequenceNumbers.decode("17", 0, UID)).isEqualTo(17);
  }
}

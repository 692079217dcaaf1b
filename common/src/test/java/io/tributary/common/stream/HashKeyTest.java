package io.tributary.common.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HashKeyTest {
  @Test
  void partitionKeyHashIsMd5ReadAsUnsigned128BitInteger() throws Exception {
    for (String key : List.of("a", "user-42", "ü∂", "")) {
      byte[] md5 = MessageDigest.getInstance("MD5").digest(key.getBytes(StandardCharsets.UTF_8));
      assertThat(HashKey.ofPartitionKey(key).toBigInteger()).isEqualTo(new BigInteger(1, md5));
    }
  }

  @Test
  void comparesAsUnsignedNumbers() {
    Random random = new Random(7);
    for (int i = 0; i < 1000; i++) {
      BigInteger a = new BigInteger(128, random);
      BigInteger b = new BigInteger(128, random);
      assertThat(Integer.signum(HashKey.of(a).compareTo(HashKey.of(b)))).isEqualTo(a.compareTo(b));
      assertThat(HashKey.of(a).toBigInteger()).isEqualTo(a);
    }
  }

  @Test
  void parsesExplicitKeysInRangeOnly() {
    assertThat(HashKey.parse("0")).isEqualTo(HashKey.MIN);
    assertThat(HashKey.parse(HashKey.MAX_VALUE.toString())).isEqualTo(HashKey.MAX);
    for (String bad : new String[] {"-1", "01", "abc", "", HashKey.MAX_VALUE.add(BigInteger.ONE).toString()}) {
      assertThatThrownBy(() -> HashKey.parse(bad))
          .isInstanceOf(TributaryException.class)
          .satisfies(e -> assertThat(((TributaryException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
          .hasMessageContaining("explicit hash key");
    }
  }

  @Test
  void uniformRangesCoverTheKeySpaceWithoutGaps() {
    for (int n : new int[] {1, 2, 3, 7, 64}) {
      List<HashKeyRange> ranges = HashKeyRange.uniform(n);
      assertThat(ranges).hasSize(n);
      assertThat(ranges.get(0).start()).isEqualTo(HashKey.MIN);
      assertThat(ranges.get(n - 1).end()).isEqualTo(HashKey.MAX);
      for (int i = 1; i < n; i++) {
        assertThat(ranges.get(i).start().toBigInteger())
            .isEqualTo(ranges.get(i - 1).end().toBigInteger().add(BigInteger.ONE));
      }
    }
  }

  @Test
  void shardIdsRoundTripAndAcceptBareNumbers() {
    assertThat(ShardIds.of(7)).isEqualTo("shardId-000000000007");
    assertThat(ShardIds.index("shardId-000000000007")).isEqualTo(7);
    assertThat(ShardIds.normalize("3")).isEqualTo("shardId-000000000003");
    assertThatThrownBy(() -> ShardIds.index("shard-7")).hasMessageContaining("shardId-000000000000");
  }

  @Test
  void streamNamesFollowKinesisRules() {
    assertThat(StreamNames.validate("clicks_v2.prod-1")).isEqualTo("clicks_v2.prod-1");
    for (String bad : new String[] {"", "a b", "x".repeat(129), "é"}) {
      assertThatThrownBy(() -> StreamNames.validate(bad)).hasMessageContaining("invalid stream name");
    }
    assertThatThrownBy(() -> StreamNames.validate("..")).hasMessageContaining("reserved");
  }
}

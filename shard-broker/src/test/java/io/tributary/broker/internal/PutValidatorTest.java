package io.tributary.broker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.HashKey;
import io.tributary.proto.v1.PutRecordsEntry;
import io.tributary.proto.v1.ShardPut;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PutValidatorTest {
  @Test
  void hashesPartitionKeysAsMd5AndTakesExplicitHashKeysAsGiven() {
    ShardPut put =
        ShardPut.newBuilder().setShardId("s")
            .addRecords(entry("alpha", 1))
            .addRecords(entry("ключ ✓", 1))
            .addRecords(entry("x", 1).toBuilder().setExplicitHashKey("340282366920938463463374607431768211455"))
            .build();

    PutValidator.HashKeys keys = PutValidator.validate(List.of(put));

    assertHash(keys, 0, HashKey.ofPartitionKey("alpha"));
    assertHash(keys, 1, HashKey.ofPartitionKey("ключ ✓"));
    assertHash(keys, 2, HashKey.MAX);
  }

  @Test
  void acceptsTheLimitsExactly() {
    List<ShardPut> fiveMiB = List.of(
        ShardPut.newBuilder().setShardId("s").addAllRecords(Collections.nCopies(5, entry("k", 1_048_476))).build(),
        ShardPut.newBuilder().setShardId("t").addAllRecords(Collections.nCopies(495, entry("k", 0))).build());
    List<ShardPut> longestKeyAndLargestRecord = List.of(ShardPut.newBuilder().setShardId("s")
        .addRecords(entry("k".repeat(256), 0)).addRecords(entry("k", 1024 * 1024 - 1)).build());

    assertThat(PutValidator.validate(fiveMiB).high()).hasSize(500);
    assertThat(PutValidator.validate(longestKeyAndLargestRecord).high()).hasSize(2);
  }

  @Test
  void countsRecordsAcrossShardBatches() {
    ShardPut half = ShardPut.newBuilder().setShardId("s").addAllRecords(Collections.nCopies(250, entry("k", 1))).build();
    ShardPut one = ShardPut.newBuilder().setShardId("t").addRecords(entry("k", 1)).build();

    assertInvalid(List.of(half, half, one), "PutRecords got 501 records; send at most 500 per request");
  }

  @Test
  void namesTheRecordAndItsBatchInEveryRecordError() {
    ShardPut put = ShardPut.newBuilder().setShardId("shardId-000000000004").addRecords(entry("ok", 1))
        .addRecords(entry("k", 1).toBuilder().setExplicitHashKey("-1")).build();

    assertInvalid(List.of(put), "record 1 of the batch for shard 'shardId-000000000004' is rejected: "
        + "explicit hash key '-1' is not a decimal integer from 0 to 2^128-1");
  }

  private static void assertHash(PutValidator.HashKeys keys, int slot, HashKey expected) {
    assertThat(new HashKey(keys.high()[slot], keys.low()[slot])).isEqualTo(expected);
  }

  private static void assertInvalid(List<ShardPut> puts, String message) {
    assertThatThrownBy(() -> PutValidator.validate(puts))
        .isInstanceOfSatisfying(TributaryException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessage(message);
  }

  private static PutRecordsEntry entry(String key, int dataBytes) {
    return PutRecordsEntry.newBuilder().setPartitionKey(key).setData(ByteString.copyFrom(new byte[dataBytes])).build();
  }
}

package io.tributary.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class StreamRulesTest {
  private final StreamRules rules = new StreamRules(500, 48, ON_DEMAND);
  static final OnDemandSettings ON_DEMAND = new OnDemandSettings(1, 64, Duration.ofSeconds(10), 0.8, 0.25, 1000,
      1048576, Duration.ofSeconds(60));

  @Test
  void acceptsAValidRequestAndFillsDefaults() {
    assertThat(rules.create("clicks", 4, 0, 0, "PROVISIONED", 0, 0))
        .isEqualTo(new StreamSpec("clicks", 4, 48, 0, "PROVISIONED", 0, 0));
    assertThat(rules.create("a.b-c_1", 500, 8760, 1, "PROVISIONED", 0, 0).retentionHours()).isEqualTo(8760);
  }

  @Test
  void rejectsBadNames() {
    assertInvalid(() -> rules.create("bad name", 1, 0, 0, "PROVISIONED", 0, 0), "invalid stream name");
    assertInvalid(() -> rules.create("", 1, 0, 0, "PROVISIONED", 0, 0), "invalid stream name");
    assertInvalid(() -> rules.create("x".repeat(129), 1, 0, 0, "PROVISIONED", 0, 0), "invalid stream name");
    assertInvalid(() -> StreamRules.name(".."), "reserved");
    assertInvalid(() -> StreamRules.name("."), "reserved");
  }

  @Test
  void shardCountMustBePositiveAndWithinTheLimit() {
    assertInvalid(() -> rules.create("s", 0, 0, 0, "PROVISIONED", 0, 0), "at least 1 shard");
    assertInvalid(() -> rules.create("s", -2, 0, 0, "PROVISIONED", 0, 0), "at least 1 shard");
    assertThatThrownBy(() -> rules.create("s", 501, 0, 0, "PROVISIONED", 0, 0))
        .isInstanceOfSatisfying(TributaryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED))
        .hasMessageContaining("limit of 500 shards")
        .hasMessageContaining("coordinator.max-shards-per-stream");
  }

  @Test
  void retentionMustBeWithinBounds() {
    assertInvalid(() -> rules.create("s", 1, 23, 0, "PROVISIONED", 0, 0),
        "retention 23 hours is out of bounds: use 24 to 8760 hours");
    assertInvalid(() -> rules.retention(8761), "retention 8761 hours is out of bounds: use 24 to 8760 hours");
    assertInvalid(() -> rules.retention(-1), "out of bounds");
    assertThat(rules.retention(0)).isEqualTo(48);
  }

  @Test
  void replicationFactorIsKeptOrRefusedWhenNegative() {
    assertThat(rules.create("s", 1, 0, 3, "PROVISIONED", 0, 0).replicationFactor()).isEqualTo(3);
    assertThat(rules.create("s", 0, 0, 2, "ON_DEMAND", 0, 0).replicationFactor()).isEqualTo(2);
    assertInvalid(() -> rules.create("s", 1, 0, -1, "PROVISIONED", 0, 0), "replication factor -1 is invalid");
    assertInvalid(() -> rules.create("s", 1, 0, 0, "7", 0, 0), "stream mode '7' is unknown");
  }

  @Test
  void replicationDefaultsToThreeOrTheBrokersThereAre() {
    assertThat(StreamRules.replicationFactor(0, 1)).isEqualTo(1);
    assertThat(StreamRules.replicationFactor(0, 2)).isEqualTo(2);
    assertThat(StreamRules.replicationFactor(0, 5)).isEqualTo(3);
    assertThat(StreamRules.replicationFactor(4, 5)).isEqualTo(4);
    assertThat(StreamRules.replicationFactor(2, 2)).isEqualTo(2);
  }

  @Test
  void replicationAboveTheBrokersIsRefusedNamingBothAndTheFix() {
    assertInvalid(() -> StreamRules.replicationFactor(3, 2),
        "replication factor 3 needs 3 brokers, but only 2 live brokers take replicas; start more brokers or create"
            + " with --replication 2");
    assertThatThrownBy(() -> StreamRules.replicationFactor(0, 0))
        .isInstanceOfSatisfying(TributaryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
  }

  @Test
  void onDemandStreamsStartWithFourShardsWithinTheConfiguredBounds() {
    assertThat(rules.create("s", 0, 0, 0, "ON_DEMAND", 0, 0))
        .isEqualTo(new StreamSpec("s", 4, 48, 0, "ON_DEMAND", 1, 64));
    assertThat(rules.create("s", 3, 0, 0, "ON_DEMAND", 2, 10))
        .isEqualTo(new StreamSpec("s", 3, 48, 0, "ON_DEMAND", 2, 10));
    assertInvalid(() -> rules.create("s", 0, 0, 0, "ON_DEMAND", 5, 0), "1 <= min shards (5) <= shard count (4)");
    assertInvalid(() -> rules.create("s", 8, 0, 0, "ON_DEMAND", 0, 6), "shard count (8) <= max shards (6)");
    assertInvalid(() -> rules.create("s", 80, 0, 0, "ON_DEMAND", 0, 0), "<= max shards (64)");
    assertInvalid(() -> rules.create("s", 2, 0, 0, "ON_DEMAND", -1, 0), "1 <= min shards (-1)");
    assertThatThrownBy(() -> rules.create("s", 4, 0, 0, "ON_DEMAND", 1, 600))
        .isInstanceOfSatisfying(TributaryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED))
        .hasMessageContaining("max shards 600 exceeds the limit of 500");
    assertInvalid(() -> rules.create("s", 2, 0, 0, "PROVISIONED", 1, 4), "on-demand streams only");
  }

  @Test
  void scaleTargetsAndConsumerNames() {
    assertThat(rules.targetShardCount(500)).isEqualTo(500);
    assertInvalid(() -> rules.targetShardCount(0), "target shard count 0 is invalid");
    assertThatThrownBy(() -> rules.targetShardCount(501))
        .isInstanceOfSatisfying(TributaryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED))
        .hasMessageContaining("coordinator.max-shards-per-stream");
    assertThat(StreamRules.consumerName("app-1.v2")).isEqualTo("app-1.v2");
    assertInvalid(() -> StreamRules.consumerName("no way"), "invalid consumer name");
    assertInvalid(() -> StreamRules.consumerName(".."), "invalid consumer name");
    assertThat(StreamRules.shardId("3")).isEqualTo("shardId-000000000003");
    assertInvalid(() -> StreamRules.splitKey("-1"), "explicit hash key");
    assertThat(StreamRules.splitKey("")).isEmpty();
  }

  private static void assertInvalid(ThrowingCallable call, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(TributaryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining(message);
  }
}

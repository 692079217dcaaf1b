package io.tributary.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class StreamRulesTest {
  private final StreamRules rules = new StreamRules(500, 48);

  @Test
  void acceptsAValidRequestAndFillsDefaults() {
    assertThat(rules.create("clicks", 4, 0, 0, "PROVISIONED"))
        .isEqualTo(new StreamSpec("clicks", 4, 48, 1, "PROVISIONED"));
    assertThat(rules.create("a.b-c_1", 500, 8760, 1, "PROVISIONED").retentionHours()).isEqualTo(8760);
  }

  @Test
  void rejectsBadNames() {
    assertInvalid(() -> rules.create("bad name", 1, 0, 0, "PROVISIONED"), "invalid stream name");
    assertInvalid(() -> rules.create("", 1, 0, 0, "PROVISIONED"), "invalid stream name");
    assertInvalid(() -> rules.create("x".repeat(129), 1, 0, 0, "PROVISIONED"), "invalid stream name");
    assertInvalid(() -> StreamRules.name(".."), "reserved");
    assertInvalid(() -> StreamRules.name("."), "reserved");
  }

  @Test
  void shardCountMustBePositiveAndWithinTheLimit() {
    assertInvalid(() -> rules.create("s", 0, 0, 0, "PROVISIONED"), "at least 1 shard");
    assertInvalid(() -> rules.create("s", -2, 0, 0, "PROVISIONED"), "at least 1 shard");
    assertThatThrownBy(() -> rules.create("s", 501, 0, 0, "PROVISIONED"))
        .isInstanceOfSatisfying(TributaryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED))
        .hasMessageContaining("limit of 500 shards")
        .hasMessageContaining("coordinator.max-shards-per-stream");
  }

  @Test
  void retentionMustBeWithinBounds() {
    assertInvalid(() -> rules.create("s", 1, 23, 0, "PROVISIONED"),
        "retention 23 hours is out of bounds: use 24 to 8760 hours");
    assertInvalid(() -> rules.retention(8761), "retention 8761 hours is out of bounds: use 24 to 8760 hours");
    assertInvalid(() -> rules.retention(-1), "out of bounds");
    assertThat(rules.retention(0)).isEqualTo(48);
  }

  @Test
  void onlyOneReplicaAndProvisionedModeForNow() {
    assertInvalid(() -> rules.create("s", 1, 0, 3, "PROVISIONED"), "replication above 1 comes in a later release");
    assertInvalid(() -> rules.create("s", 1, 0, -1, "PROVISIONED"), "replication factor -1 is invalid");
    assertInvalid(() -> rules.create("s", 1, 0, 0, "ON_DEMAND"), "comes with on-demand scaling");
    assertInvalid(() -> rules.create("s", 1, 0, 0, "7"), "stream mode '7' is unknown");
  }

  private static void assertInvalid(ThrowingCallable call, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(TributaryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining(message);
  }
}

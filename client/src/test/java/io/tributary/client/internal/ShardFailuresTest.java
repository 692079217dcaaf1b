package io.tributary.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.error.ErrorCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ShardFailuresTest {
  @ParameterizedTest
  @EnumSource(value = ErrorCode.class, names = {
    "NOT_SHARD_OWNER", "NOT_ENOUGH_REPLICAS", "REPLICATION_TIMEOUT", "STALE_EPOCH", "UNAVAILABLE", "RESOURCE_NOT_FOUND"})
  void leaderChangesAndUnreachableLeadersReloadTheMapAndRetry(ErrorCode code) {
    assertThat(ShardFailures.refreshesMap(code)).isTrue();
    assertThat(ShardFailures.retriesWrite(code)).isTrue();
    assertThat(PutRecordsCall.movedShard(code)).isTrue();
  }

  @ParameterizedTest
  @EnumSource(value = ErrorCode.class, names = {"THROUGHPUT_EXCEEDED", "INTERNAL"})
  void throttlingAndInternalErrorsRetryOnTheSameLeader(ErrorCode code) {
    assertThat(ShardFailures.retriesWrite(code)).isTrue();
    assertThat(ShardFailures.refreshesMap(code)).isFalse();
  }

  @ParameterizedTest
  @EnumSource(value = ErrorCode.class, names = {
    "INVALID_ARGUMENT", "LIMIT_EXCEEDED", "RESOURCE_IN_USE", "EXPIRED_ITERATOR", "OUT_OF_ORDER_SEQUENCE"})
  void rejectedRequestsFailWithoutRetry(ErrorCode code) {
    assertThat(ShardFailures.retriesWrite(code)).isFalse();
    assertThat(ShardFailures.refreshesMap(code)).isFalse();
  }
}

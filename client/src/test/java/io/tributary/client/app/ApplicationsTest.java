package io.tributary.client.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.proto.v1.ShardInfo;
import org.junit.jupiter.api.Test;

class ApplicationsTest {
  /** A shard holding sequence numbers 100 to 149: the ones before 100 were dropped by retention. */
  private static final ShardInfo SHARD = ShardInfo.newBuilder().setShardId("0").setSequenceRangeKnown(true)
      .setFirstSequenceNumber(100).setNextSequenceNumber(150).build();

  @Test
  void lagCountsTheRecordsAfterTheCheckpoint() {
    assertThat(Applications.lag(SHARD, "139")).isEqualTo(10);
    assertThat(Applications.lag(SHARD, "149")).isZero();
    assertThat(Applications.lag(SHARD, null)).isEqualTo(50);
    assertThat(Applications.lag(SHARD, LeaseStore.SHARD_END)).isZero();
  }

  @Test
  void lagBehindTheTrimHorizonCountsOnlyReadableRecords() {
    assertThat(Applications.lag(SHARD, "9")).isEqualTo(50);
  }

  @Test
  void lagIsUnknownWithoutASequenceRangeOrASequenceNumber() {
    assertThat(Applications.lag(SHARD.toBuilder().setSequenceRangeKnown(false).build(), "139")).isEqualTo(-1);
    assertThat(Applications.lag(SHARD, "from-elsewhere")).isEqualTo(-1);
  }
}

package io.tributary.broker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.tributary.broker.QuotaSettings;
import io.tributary.broker.TestRecords;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.time.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Token buckets and the per-shard write and read quotas built on them. */
class QuotaTest {
  private final ManualClock clock = new ManualClock(1_800_000_000_000L);

  @Test
  void bucketStartsFullRefillsSteadilyAndStopsAtCapacity() {
    TokenBucket bucket = new TokenBucket(100, 100, clock);
    bucket.take(100);
    assertThat(bucket.available()).isZero();

    clock.advance(Duration.ofMillis(250));
    assertThat(bucket.available()).isEqualTo(25.0);

    clock.advance(Duration.ofSeconds(10));
    assertThat(bucket.available()).isEqualTo(100.0);
  }

  @Test
  void bucketDebtIsPaidBackBeforeTokensAreAvailableAgain() {
    TokenBucket bucket = new TokenBucket(100, 100, clock);
    bucket.take(300);

    clock.advance(Duration.ofSeconds(1));
    assertThat(bucket.available()).isEqualTo(-100.0);
    clock.advance(Duration.ofSeconds(2));
    assertThat(bucket.available()).isEqualTo(100.0);
  }

  @Test
  void writeQuotaAdmitsThePrefixThatFitsTheRecordRate() {
    WriteQuota quota = new WriteQuota(new QuotaSettings(true, 1 << 20, 1000, 1 << 21, 5), clock);

    assertThat(quota.admit(TestRecords.numbered("a", 600))).isEqualTo(600);
    assertThat(quota.admit(TestRecords.numbered("b", 600))).isEqualTo(400);
    assertThat(quota.admit(TestRecords.numbered("c", 10))).isZero();

    clock.advance(Duration.ofMillis(100));
    assertThat(quota.admit(TestRecords.numbered("d", 500))).isEqualTo(100);
  }

  @Test
  void writeQuotaCountsPartitionKeyAndDataBytes() {
    WriteQuota quota = new WriteQuota(new QuotaSettings(true, 1 << 20, 1000, 1 << 21, 5), clock);
    TestRecords big = new TestRecords();
    for (int i = 0; i < 5; i++) {
      big.add("k" + i, ByteString.copyFrom(new byte[300 * 1024 - 2]));
    }

    assertThat(quota.admit(big)).isEqualTo(3);
  }

  @Test
  void disabledQuotasAdmitEverything() {
    WriteQuota write = new WriteQuota(QuotaSettings.DISABLED, clock);
    ReadQuota read = new ReadQuota(QuotaSettings.DISABLED, clock);

    assertThat(write.admit(TestRecords.numbered("a", 100_000))).isEqualTo(100_000);
    for (int i = 0; i < 100; i++) {
      read.acquireCall("shard x");
      read.charge(10 << 20);
    }
  }

  @Test
  void readQuotaAllowsFiveCallsPerSecond() {
    ReadQuota quota = new ReadQuota(QuotaSettings.KINESIS_DEFAULTS, clock);
    for (int i = 0; i < 5; i++) {
      quota.acquireCall("shard x");
    }

    assertThatThrownBy(() -> quota.acquireCall("shard shardId-000000000001 of stream 's'"))
        .isInstanceOfSatisfying(
            TributaryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.THROUGHPUT_EXCEEDED))
        .hasMessageContaining("shard shardId-000000000001 of stream 's' is over its read quota");
    clock.advance(Duration.ofMillis(200));
    assertThatCode(() -> quota.acquireCall("shard x")).doesNotThrowAnyException();
  }

  @Test
  void aLargeReadThrottlesTheCallsAfterItUntilItsBytesArePaidFor() {
    ReadQuota quota = new ReadQuota(QuotaSettings.KINESIS_DEFAULTS, clock);
    quota.acquireCall("shard x");
    quota.charge(10L << 20);

    clock.advance(Duration.ofSeconds(4));
    assertThatThrownBy(() -> quota.acquireCall("shard x")).isInstanceOf(TributaryException.class);
    clock.advance(Duration.ofMillis(1001));
    assertThatCode(() -> quota.acquireCall("shard x")).doesNotThrowAnyException();
  }

  @Test
  void aConsumerQuotaLimitsEventsToItsTokensAndWaitsOutItsDebt() {
    SubscribeQuota quota = SubscribeQuota.perSecond(1000, clock);
    assertThat(quota.waitMillis()).isZero();
    assertThat(quota.allowance(1 << 20)).isEqualTo(1000);
    assertThat(quota.allowance(300)).isEqualTo(300);

    quota.charge(1500);
    assertThat(quota.waitMillis()).isEqualTo(501);
    clock.advance(Duration.ofMillis(501));
    assertThat(quota.waitMillis()).isZero();
    assertThat(quota.allowance(1 << 20)).isEqualTo(1);
  }

  @Test
  void aConsumerQuotaNeverAsksForAWaitShortEnoughToSpin() {
    SubscribeQuota quota = SubscribeQuota.perSecond(1_000_000, clock);
    quota.charge(1_000_000);

    assertThat(quota.waitMillis()).isEqualTo(SubscribeQuota.MIN_WAIT_MILLIS);
  }

  @Test
  void theUnlimitedQuotaNeverWaits() {
    SubscribeQuota quota = SubscribeQuota.unlimited();
    quota.charge(Long.MAX_VALUE / 2);

    assertThat(quota.waitMillis()).isZero();
    assertThat(quota.allowance(4096)).isEqualTo(4096);
  }
}

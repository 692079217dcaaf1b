package io.tributary.broker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.tributary.broker.InMemoryShardLog;
import io.tributary.broker.QuotaSettings;
import io.tributary.broker.StreamRef;
import io.tributary.broker.TestRecords;
import io.tributary.common.error.Errors;
import io.tributary.common.stream.HashKeyRange;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.common.time.ManualClock;
import io.tributary.proto.v1.Record;
import io.tributary.proto.v1.SubscribeEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A subscription pump driven step by step on the test thread. */
class SubscriptionPumpTest {
  private static final HashKeyRange ALL = HashKeyRange.uniform(1).get(0);

  private final ManualClock clock = new ManualClock(1_800_000_000_000L);
  private final LedShard shard = shard(ShardMetadata.OPEN);
  private final FakeCallObserver<SubscribeEvent> call = new FakeCallObserver<>();

  private LedShard shard(String state) {
    ShardMetadata metadata = new ShardMetadata("shardId-000000000000", ALL.start().toString(), ALL.end().toString(),
        List.of(), state, 1, 3, List.of(1), List.of(1), -1);
    return new LedShard(new StreamRef("s", "u"), metadata, new InMemoryShardLog("shard x", clock),
        QuotaSettings.DISABLED, clock);
  }

  private SubscriptionPump start(LedShard target, long from, int maxEventBytes) {
    SubscriptionPump pump = new SubscriptionPump(target, call, Runnable::run, clock, from, maxEventBytes);
    pump.start();
    return pump;
  }

  private List<Record> received() {
    return call.sent.stream().flatMap(e -> TestRecords.decode(e.getRecords()).stream()).toList();
  }

  @Test
  void sendsNothingWhileTheCallIsNotReadyAndCatchesUpWhenItIs() {
    call.ready = false;
    start(shard, 0, 1 << 20);
    shard.append(TestRecords.numbered("a", 5), 5);
    assertThat(call.sent).isEmpty();

    call.becomeReady();

    assertThat(received()).extracting(Record::getSequenceNumber).containsExactly(0L, 1L, 2L, 3L, 4L);
    assertThat(call.sent.get(0).getContinuationSequenceNumber()).isEqualTo(4);
  }

  @Test
  void wakesOnEveryAppendWithoutPolling() {
    start(shard, 0, 1 << 20);
    assertThat(call.sent).isEmpty();

    shard.append(TestRecords.numbered("a", 2), 2);
    shard.append(TestRecords.numbered("b", 1), 1);

    assertThat(call.sent).hasSize(2);
    assertThat(received()).extracting(Record::getPartitionKey).containsExactly("a-0", "a-1", "b-0");
  }

  @Test
  void splitsEventsAtTheByteLimitAndReportsLag() {
    TestRecords records = new TestRecords();
    for (int i = 0; i < 10; i++) {
      records.add("k", ByteString.copyFrom(new byte[100]));
    }
    shard.append(records, 10);
    clock.advance(Duration.ofSeconds(3));

    start(shard, 0, 350);

    assertThat(call.sent).hasSizeGreaterThan(3).allSatisfy(e -> assertThat(e.getRecords().size()).isLessThanOrEqualTo(350));
    assertThat(received()).hasSize(10);
    assertThat(call.sent.get(0).getMillisBehindLatest()).isEqualTo(3_000);
    assertThat(call.sent.get(call.sent.size() - 1).getMillisBehindLatest()).isZero();
  }

  @Test
  void sendsAnEmptyHeartbeatWhenIdle() {
    shard.append(TestRecords.numbered("a", 3), 3);
    SubscriptionPump pump = start(shard, 3, 1 << 20);

    pump.heartbeatIfIdle(System.nanoTime() + Duration.ofSeconds(10).toNanos(), Duration.ofSeconds(5).toNanos());

    assertThat(call.sent).hasSize(1);
    assertThat(call.sent.get(0).getRecordCount()).isZero();
    assertThat(call.sent.get(0).getContinuationSequenceNumber()).isEqualTo(2);
    assertThat(call.sent.get(0).getMillisBehindLatest()).isZero();
    pump.heartbeatIfIdle(System.nanoTime(), Duration.ofSeconds(5).toNanos());
    assertThat(call.sent).hasSize(1);
  }

  @Test
  void endsWithTheReasonWhenTheShardGoesAway() {
    start(shard, 0, 1 << 20);

    shard.close(Errors.streamNotFound("s"));

    assertThat(Status.fromThrowable(call.error).getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(call.error).hasMessageContaining("stream 's' does not exist");
    assertThat(shard.subscriptions()).isEmpty();
  }

  @Test
  void stopsWhenTheClientCancels() {
    start(shard, 0, 1 << 20);

    call.cancelByClient();
    shard.append(TestRecords.numbered("a", 1), 1);

    assertThat(call.sent).isEmpty();
    assertThat(call.error).isNull();
    assertThat(shard.subscriptions()).isEmpty();
  }

  @Test
  void completesOnceAClosedShardIsReadToItsEnd() {
    LedShard closed = shard(ShardMetadata.CLOSED);
    TestRecords.numbered("a", 2).appendTo(closed.log());
    closed.replica().appended();

    start(closed, 0, 1 << 20);

    assertThat(received()).hasSize(2);
    assertThat(call.completed).isTrue();
    assertThat(closed.subscriptions()).isEmpty();
  }
}

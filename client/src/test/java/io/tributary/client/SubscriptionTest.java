package io.tributary.client;

import static io.tributary.client.fake.Records.append;
import static io.tributary.client.fake.Records.data;
import static io.tributary.client.fake.Records.expected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.tributary.client.fake.FakeBroker;
import io.tributary.client.fake.FakeCluster;
import io.tributary.common.stream.ShardIds;
import io.tributary.proto.v1.IteratorType;
import io.tributary.proto.v1.PutRecordsEntry;
import io.tributary.proto.v1.ShardState;
import io.tributary.proto.v1.StartingPosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SubscriptionTest {
  private static final String SHARD = ShardIds.of(0);

  private final FakeCluster cluster = FakeCluster.start(1);
  private final TributaryClient client = cluster.client();
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final Set<String> threads = ConcurrentHashMap.newKeySet();

  @AfterEach
  void close() throws Exception {
    client.close();
    cluster.close();
  }

  private void handle(List<ReceivedRecord> records) {
    threads.add(Thread.currentThread().getName());
    received.addAll(data(records));
  }

  @Test
  void recordsArriveInOrderOnTheSubscriptionsThread() {
    cluster.createStream("s", 1);
    append(cluster.logs, SHARD, "r", 0, 50);
    try (Subscription s = client.subscribe("s", SHARD, Position.trimHorizon(), this::handle)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 50);
      assertThat(s.continuationSequenceNumber()).isEqualTo(49);
      append(cluster.logs, SHARD, "r", 50, 60);
      await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 60);
      assertThat(s.continuationSequenceNumber()).isEqualTo(59);
    }
    assertThat(received).containsExactlyElementsOf(expected("r", 0, 60));
    assertThat(threads).singleElement().asString().startsWith("tributary-subscription-s-");
  }

  @Test
  void eventSubscriptionsSeeEachEventsContinuationNumber() {
    cluster.createStream("s", 1);
    append(cluster.logs, SHARD, "r", 0, 50);
    List<SubscriptionEvent> events = new CopyOnWriteArrayList<>();
    try (Subscription s = client.subscribeEvents("s", SHARD, Position.trimHorizon(), "relay", events::add)) {
      await().atMost(Duration.ofSeconds(10))
          .until(() -> events.stream().mapToInt(e -> e.records().size()).sum() == 50);
    }
    long previous = -1;
    for (SubscriptionEvent event : events) {
      assertThat(event.records()).isNotEmpty();
      assertThat(event.records().get(0).sequenceNumber()).isEqualTo(previous + 1);
      assertThat(event.continuationSequenceNumber())
          .isEqualTo(event.records().get(event.records().size() - 1).sequenceNumber());
      previous = event.continuationSequenceNumber();
    }
    assertThat(cluster.brokers.get(0).subscribeConsumers).containsOnly("relay");
  }

  @Test
  void afterABrokerRestartItResumesAfterTheLastDeliveredRecord() {
    cluster.createStream("s", 1);
    FakeBroker first = cluster.brokers.get(0);
    append(cluster.logs, SHARD, "r", 0, 30);
    try (Subscription s = client.subscribe("s", SHARD, Position.trimHorizon(), this::handle)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 30);

      first.kill();
      FakeBroker restarted = cluster.addBroker().own(SHARD);
      cluster.catalog.moveLeader("s", SHARD, restarted.address());
      append(cluster.logs, SHARD, "r", 30, 45);

      await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 45);
      assertThat(restarted.subscribePositions).first().isEqualTo(
          StartingPosition.newBuilder().setType(IteratorType.AFTER_SEQUENCE_NUMBER).setSequenceNumber(29).build());
      assertThat(s.completion()).isNotDone();
    }
    assertThat(received).containsExactlyElementsOf(expected("r", 0, 45));
  }

  @Test
  void aClosedShardDeliveredToItsEndCompletesTheSubscription() {
    cluster.createStream("s", 1);
    append(cluster.logs, SHARD, "r", 0, 5);
    cluster.logs.log(SHARD).close();
    cluster.catalog.updateShard("s", SHARD, shard -> shard.setState(ShardState.CLOSED));
    Subscription s = client.subscribe("s", SHARD, Position.atSequence(1), this::handle);

    assertThat(s.completion()).succeedsWithin(Duration.ofSeconds(10));
    assertThat(received).containsExactly("r1", "r2", "r3", "r4");
  }

  @Test
  void aStreamEndedOnAnOpenShardIsResumedAfterTheLastDeliveredRecord() {
    cluster.createStream("s", 1);
    FakeBroker broker = cluster.brokers.get(0);
    broker.completeAfterEvents = 1;
    append(cluster.logs, SHARD, "r", 0, 50);
    try (Subscription s = client.subscribe("s", SHARD, Position.trimHorizon(), this::handle)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 50);
      assertThat(s.completion()).isNotDone();
    }
    assertThat(received).containsExactlyElementsOf(expected("r", 0, 50));
    assertThat(broker.subscribeCalls.get()).isGreaterThan(1);
  }

  @Test
  void aFailingHandlerEndsTheSubscriptionWithItsException() {
    cluster.createStream("s", 1);
    append(cluster.logs, SHARD, "r", 0, 5);
    Subscription s = client.subscribe("s", SHARD, Position.trimHorizon(), records -> {
      throw new IllegalStateException("handler broke");
    });

    assertThat(s.completion()).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(ExecutionException.class)
        .havingCause().isInstanceOf(IllegalStateException.class).withMessage("handler broke");
  }

  @Test
  void aBlockedHandlerStopsTheBrokerFromSending() throws Exception {
    cluster.createStream("s", 1);
    FakeBroker broker = cluster.brokers.get(0);
    byte[] big = new byte[10_000];
    List<PutRecordsEntry> entries = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      entries.add(PutRecordsEntry.newBuilder()
          .setPartitionKey("k").setData(ByteString.copyFrom(big)).build());
    }
    cluster.logs.log(SHARD).append(entries, 1L);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger delivered = new AtomicInteger();
    try (Subscription s = client.subscribe("s", SHARD, Position.trimHorizon(), records -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      delivered.addAndGet(records.size());
    })) {
      // 100 events of 200 kB wait; with the handler stuck only a few fit in the transport's window
      await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> broker.eventsSent.get() < 30);
      release.countDown();
      await().atMost(Duration.ofSeconds(20)).until(() -> delivered.get() == 2_000);
    }
  }

  @Test
  void aSlowHandlerIsNeverCalledConcurrently() {
    cluster.createStream("s", 1);
    append(cluster.logs, SHARD, "r", 0, 200);
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    try (Subscription s = client.subscribe("s", SHARD, Position.trimHorizon(), records -> {
      most.accumulateAndGet(inside.incrementAndGet(), Math::max);
      received.addAll(data(records));
      inside.decrementAndGet();
    })) {
      await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 200);
    }
    assertThat(most).hasValue(1);
    assertThat(received).containsExactlyElementsOf(expected("r", 0, 200));
  }
}

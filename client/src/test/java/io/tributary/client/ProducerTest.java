package io.tributary.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.client.fake.FakeBroker;
import io.tributary.client.fake.FakeCluster;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.HashKeyRange;
import io.tributary.common.stream.ShardIds;
import io.tributary.common.time.ManualClock;
import io.tributary.proto.v1.PutRecordsRequest;
import io.tributary.proto.v1.Record;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProducerTest {
  private static final Duration LONG_LINGER = Duration.ofSeconds(30);

  private final FakeCluster cluster = FakeCluster.start(2);
  private final TributaryClient client = cluster.client();

  @AfterEach
  void close() throws Exception {
    cluster.close();
  }

  @Test
  void everyRecordArrivesOnceInSendOrderPerShard() throws Exception {
    cluster.createStream("s", 4);
    cluster.brokers.get(0).throttleEvery = 3;
    cluster.brokers.get(1).acceptAtMost = 7;
    Map<String, List<String>> sentPerShard = new HashMap<>();
    List<CompletableFuture<PutResult>> futures = new ArrayList<>();
    try (Producer producer = client.newProducer("s", options().withLinger(Duration.ofMillis(1)))) {
      for (int i = 0; i < 5_000; i++) {
        futures.add(producer.send("key-" + (i % 97), ("r" + i).getBytes(StandardCharsets.UTF_8)));
      }
      producer.flush();
    }
    for (int i = 0; i < futures.size(); i++) {
      PutResult r = futures.get(i).get();
      sentPerShard.computeIfAbsent(r.shardId(), s -> new ArrayList<>()).add("r" + i);
      assertThat(cluster.logs.records(r.shardId()).get((int) r.sequenceNumber()).getData().toStringUtf8())
          .isEqualTo("r" + i);
    }
    assertThat(sentPerShard).hasSize(4);
    sentPerShard.forEach((shard, sent) ->
        assertThat(cluster.logs.records(shard)).extracting(rec -> rec.getData().toStringUtf8()).containsExactlyElementsOf(sent));
  }

  @Test
  void concurrentSendersKeepTheirOwnOrderPerShard() throws Exception {
    cluster.createStream("s", 4);
    cluster.brokers.get(0).throttleEvery = 4;
    int threads = 4;
    int perThread = 3_000;
    try (Producer producer = client.newProducer("s", options().withLinger(Duration.ofMillis(1)))) {
      List<CompletableFuture<Void>> senders = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String name = "t" + t + "-";
        senders.add(CompletableFuture.runAsync(() -> {
          for (int i = 0; i < perThread; i++) {
            producer.send("key-" + (i % 31), (name + i).getBytes(StandardCharsets.UTF_8));
          }
        }));
      }
      CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).get();
      producer.flush();
    }
    int total = 0;
    for (int shard = 0; shard < 4; shard++) {
      Map<String, Integer> lastPerSender = new HashMap<>();
      for (Record r : cluster.logs.records(ShardIds.of(shard))) {
        String[] parts = r.getData().toStringUtf8().split("-");
        Integer previous = lastPerSender.put(parts[0], Integer.parseInt(parts[1]));
        assertThat(previous == null || previous < Integer.parseInt(parts[1])).as("order of %s", r).isTrue();
        total++;
      }
    }
    assertThat(total).as("each record stored once").isEqualTo(threads * perThread);
  }

  @Test
  void batchesAreSentWhenFullEvenBeforeTheLingerEnds() {
    cluster.createStream("s", 1);
    List<CompletableFuture<PutResult>> futures = new ArrayList<>();
    Producer producer = client.newProducer("s", options().withLinger(LONG_LINGER).withMaxBatch(100, 1 << 20));
    for (int i = 0; i < 1_000; i++) {
      futures.add(producer.send("k" + i, new byte[10]));
    }

    await().atMost(Duration.ofSeconds(10)).until(() -> futures.stream().allMatch(CompletableFuture::isDone));
    assertThat(received()).hasSize(10).allMatch(r -> r.getShards(0).getRecordsCount() == 100);
  }

  @Test
  void aLoneRecordIsSentWhenItsLingerEnds() {
    cluster.createStream("s", 1);
    Producer producer = client.newProducer("s", options().withLinger(Duration.ofMillis(20)));

    CompletableFuture<PutResult> f = producer.send("k", new byte[1]);

    assertThat(f).succeedsWithin(Duration.ofSeconds(10));
  }

  @Test
  void shardsOfOneBrokerShareARequestWithinItsByteLimit() {
    FakeCluster single = FakeCluster.start(1);
    cluster.closeLater(single);
    single.createStream("s", 4);
    try (TributaryClient c = single.client();
        Producer producer = c.newProducer("s", options().withLinger(LONG_LINGER).withMaxBatch(500, 3_000))) {
      for (int shard = 0; shard < 4; shard++) {
        producer.send(toShard(shard, 4, 1_000));
      }
      producer.flush();
    }
    List<PutRecordsRequest> requests = single.brokers.get(0).received;
    assertThat(requests).hasSize(2);
    assertThat(requests).allMatch(r -> r.getShardsCount() == 2);
  }

  @Test
  void oneRequestInFlightPerShardWhileBrokersWorkInParallel() {
    cluster.createStream("s", 4);
    CountDownLatch gate = new CountDownLatch(1);
    cluster.brokers.forEach(b -> b.gate = gate);
    Producer producer = client.newProducer("s", options().withLinger(Duration.ZERO));
    List<CompletableFuture<PutResult>> futures = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      futures.add(producer.send(toShard(i % 4, 4, 10)));
    }
    // both brokers hold a request at the same time ...
    await().atMost(Duration.ofSeconds(10)).until(() -> cluster.brokers.stream().allMatch(b -> b.putRequests.get() >= 1));
    // ... but no shard gets a second request while its first is unanswered
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> requestsPerShard().values().stream().allMatch(n -> n == 1));

    gate.countDown();
    producer.flush();
    assertThat(futures).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
    assertThat(cluster.brokers).allMatch(b -> b.maxShardConcurrency.get() == 1);
  }

  private Map<String, Integer> requestsPerShard() {
    Map<String, Integer> counts = new HashMap<>();
    for (PutRecordsRequest r : received()) {
      r.getShardsList().forEach(s -> counts.merge(s.getShardId(), 1, Integer::sum));
    }
    return counts;
  }

  @Test
  void notShardOwnerRefreshesTheMapAndReroutes() throws Exception {
    cluster.createStream("s", 2);
    FakeBroker oldLeader = cluster.leaderOf("s", ShardIds.of(1));
    FakeBroker newLeader = cluster.leaderOf("s", ShardIds.of(0));
    try (Producer producer = client.newProducer("s", options())) {
      oldLeader.owned.remove(ShardIds.of(1));
      newLeader.own(ShardIds.of(1));
      cluster.catalog.moveLeader("s", ShardIds.of(1), newLeader.address());

      PutResult r = producer.send(toShard(1, 2, 10)).get();

      assertThat(r.shardId()).isEqualTo(ShardIds.of(1));
    }
    assertThat(oldLeader.putRequests).hasValue(1);
    assertThat(newLeader.received).anyMatch(q -> q.getShards(0).getShardId().equals(ShardIds.of(1)));
  }

  @Test
  void aShardRefusedOnceIsRetriedAfterTheMapIsReloaded() {
    cluster.createStream("s", 1);
    FakeBroker broker = cluster.brokers.get(0);
    Producer producer = client.newProducer("s", options());
    int describes = cluster.catalog.describes.get();
    broker.notOwnerOnce.add(ShardIds.of(0));

    assertThat(producer.send("k", new byte[1])).succeedsWithin(Duration.ofSeconds(10));
    assertThat(broker.putRequests).hasValue(2);
    assertThat(cluster.catalog.describes.get()).isGreaterThan(describes);
  }

  @Test
  void nonRetryableErrorsFailTheRecordAtOnce() {
    cluster.createStream("s", 1);
    cluster.brokers.get(0).failNext.add(new TributaryException(ErrorCode.INVALID_ARGUMENT, "record 0 is bad"));
    Producer producer = client.newProducer("s", options().withLinger(Duration.ZERO));

    CompletableFuture<PutResult> bad = producer.send("k", new byte[1]);

    assertThat(bad).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(ExecutionException.class)
        .havingCause().isInstanceOfSatisfying(TributaryException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    assertThat(producer.send("", new byte[1])).isCompletedExceptionally();
    assertThat(producer.send("k", new byte[1])).succeedsWithin(Duration.ofSeconds(10));
  }

  @Test
  void aRecordStillThrottledAfterItsDeliveryTimeoutFailsWithTheLastError() {
    cluster.createStream("s", 1);
    cluster.brokers.get(0).throttleEvery = 1;
    ManualClock clock = new ManualClock(1_000_000);
    try (TributaryClient c = TributaryClient.connect(cluster.options(), clock)) {
      Producer producer = c.newProducer("s", options().withDeliveryTimeout(Duration.ofMinutes(1)));
      CompletableFuture<PutResult> f = producer.send("k", new byte[1]);
      await().atMost(Duration.ofSeconds(10)).until(() -> cluster.brokers.get(0).putRequests.get() >= 3);
      assertThat(f).isNotDone();

      clock.advance(Duration.ofMinutes(2));

      assertThat(f).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(ExecutionException.class)
          .havingCause().isInstanceOfSatisfying(TributaryException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.THROUGHPUT_EXCEEDED);
            assertThat(e).hasMessageContaining("delivery timeout");
          });
    }
  }

  @Test
  void sendBlocksWhileTheBufferIsFull() {
    cluster.createStream("s", 1);
    CountDownLatch gate = new CountDownLatch(1);
    cluster.brokers.forEach(b -> b.gate = gate);
    Producer producer = client.newProducer("s", options().withMaxBufferedRecords(10));
    for (int i = 0; i < 10; i++) {
      producer.send("k", new byte[1]);
    }

    CompletableFuture<CompletableFuture<PutResult>> eleventh = CompletableFuture.supplyAsync(() -> producer.send("k", new byte[1]));
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !eleventh.isDone());
    gate.countDown();

    assertThat(eleventh.join()).succeedsWithin(Duration.ofSeconds(10));
  }

  @Test
  void aBufferFullForLongerThanTheDeliveryTimeoutRefusesTheRecord() {
    cluster.createStream("s", 1);
    CountDownLatch gate = new CountDownLatch(1);
    cluster.brokers.forEach(b -> b.gate = gate);
    Producer producer = client.newProducer("s",
        options().withMaxBufferedRecords(2).withDeliveryTimeout(Duration.ofMillis(200)));
    producer.send("k", new byte[1]);
    producer.send("k", new byte[1]);

    assertThat(producer.send("k", new byte[1])).failsWithin(Duration.ofSeconds(5))
        .withThrowableOfType(ExecutionException.class)
        .havingCause().isInstanceOfSatisfying(TributaryException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED));
    gate.countDown();
  }

  @Test
  void closeFlushesAndStopsTheSenderThread() {
    cluster.createStream("s", 1);
    Producer producer = client.newProducer("s", options().withLinger(LONG_LINGER));
    CompletableFuture<PutResult> f = producer.send("k", new byte[1]);

    producer.close();

    assertThat(f).isCompleted();
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("tributary-producer-s-"));
    assertThatThrownBy(() -> producer.send("k", new byte[1]).join()).hasCauseInstanceOf(TributaryException.class);
  }

  @Test
  void aProducerForAMissingStreamFailsAtOnce() {
    assertThatThrownBy(() -> client.newProducer("missing", options()))
        .isInstanceOfSatisfying(TributaryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND));
  }

  private List<PutRecordsRequest> received() {
    List<PutRecordsRequest> all = new ArrayList<>();
    cluster.brokers.forEach(b -> all.addAll(b.received));
    return all;
  }

  private static ProducerOptions options() {
    return ProducerOptions.defaults().withRetryBackoff(Duration.ofMillis(5));
  }

  private static PutRecord toShard(int shard, int shards, int bytes) {
    String start = HashKeyRange.uniform(shards).get(shard).start().toString();
    return new PutRecord("k", new byte[bytes], start);
  }
}

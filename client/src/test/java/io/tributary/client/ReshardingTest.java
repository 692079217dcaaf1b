package io.tributary.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.client.fake.FakeBroker;
import io.tributary.client.fake.FakeCatalog;
import io.tributary.client.fake.FakeCluster;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.HashKey;
import io.tributary.common.stream.ShardIds;
import io.tributary.proto.v1.MergeShardsRequest;
import io.tributary.proto.v1.ShardInfo;
import io.tributary.proto.v1.ShardState;
import io.tributary.proto.v1.SplitShardRequest;
import io.tributary.proto.v1.StreamDescription;
import io.tributary.proto.v1.StreamMode;
import io.tributary.proto.v1.UpdateShardCountRequest;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Resharding through the client, and producers and readers that keep working while a stream reshards. */
class ReshardingTest {
  private final FakeCluster cluster = FakeCluster.start(2);
  private final TributaryClient client = cluster.client();

  @AfterEach
  void close() throws Exception {
    cluster.close();
  }

  @Test
  void splitMergeAndScaleReachTheCoordinator() {
    cluster.createStream("s", 2);
    StreamDescription split = client.splitShard("s", "0", null);
    assertThat(open(split)).containsExactly(ShardIds.of(1), ShardIds.of(2), ShardIds.of(3));
    assertThat(shard(split, ShardIds.of(2)).getParentShardIdsList()).containsExactly(ShardIds.of(0));

    StreamDescription merged = client.mergeShards("s", ShardIds.of(2), "3");
    assertThat(open(merged)).containsExactly(ShardIds.of(1), ShardIds.of(4));
    assertThat(client.updateShardCount("s", 3).getOpenShardCount()).isEqualTo(3);

    assertThat(cluster.coordinator.requests).containsExactly(
        SplitShardRequest.newBuilder().setStream("s").setShardId(ShardIds.of(0)).build(),
        MergeShardsRequest.newBuilder().setStream("s").setShardId(ShardIds.of(2)).setAdjacentShardId(ShardIds.of(3)).build(),
        UpdateShardCountRequest.newBuilder().setStream("s").setTargetShardCount(3).build());
  }

  @Test
  void splitAtAHashKeySendsItAsDecimal() {
    cluster.createStream("s", 1);
    StreamDescription d = client.splitShard("s", "0", " 100 ");
    assertThat(shard(d, ShardIds.of(2)).getHashKeyRange().getStartingHashKey()).isEqualTo("100");
  }

  @Test
  void badArgumentsFailBeforeAnyCall() {
    cluster.createStream("s", 1);
    assertThatThrownBy(() -> client.splitShard("s", "0", "12x"))
        .isInstanceOf(TributaryException.class).hasMessageContaining("not a decimal number");
    assertThatThrownBy(() -> client.splitShard("s", "0", HashKey.MAX_VALUE.add(BigInteger.ONE).toString()))
        .hasMessageContaining("outside 0 to 2^128-1");
    assertThatThrownBy(() -> client.updateShardCount("s", 0)).hasMessageContaining("at least 1 shard");
    assertThatThrownBy(() -> client.createStream("t", 1, 0, 0, StreamMode.ON_DEMAND, 5, 2))
        .hasMessageContaining("1 <= min <= max");
    assertThatThrownBy(() -> client.registerConsumer("s", "no/slash")).hasMessageContaining("invalid consumer name");
    assertThat(cluster.coordinator.changes.get()).isZero();
  }

  @Test
  void coordinatorErrorsComeBackAsTheyAre() {
    cluster.createStream("s", 3);
    assertThatThrownBy(() -> client.mergeShards("s", "0", "2"))
        .isInstanceOfSatisfying(TributaryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining("not adjacent");
  }

  @Test
  void registeredConsumersAreListedAndSubscribeUnderTheirName() throws Exception {
    cluster.createStream("s", 1);
    assertThat(client.registerConsumer("s", "fanout").getName()).isEqualTo("fanout");
    client.registerConsumer("s", "audit");
    assertThat(client.listConsumers("s")).extracting(c -> c.getName()).containsExactly("audit", "fanout");
    client.deregisterConsumer("s", "audit");
    assertThat(client.listConsumers("s")).extracting(c -> c.getName()).containsExactly("fanout");

    io.tributary.client.fake.Records.append(cluster.logs, ShardIds.of(0), "r", 0, 3);
    List<ReceivedRecord> got = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (Subscription sub = client.subscribe("s", "0", Position.trimHorizon(), "fanout", got::addAll)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> got.size() == 3);
    }
    assertThat(cluster.brokers.get(0).subscribeConsumers).contains("fanout");
  }

  @Test
  void producerKeepsPerKeyOrderWhenTheParentRefusesItsInFlightBatch() throws Exception {
    cluster.createStream("s", 2);
    FakeBroker parentBroker = cluster.leaderOf("s", ShardIds.of(0));
    FakeBroker otherBroker = cluster.leaderOf("s", ShardIds.of(1));
    String key = keyIn(cluster.catalog.describe("s"), ShardIds.of(0));
    String otherKey = keyIn(cluster.catalog.describe("s"), ShardIds.of(1));
    parentBroker.gate = new CountDownLatch(1);
    parentBroker.gateOnly.add(ShardIds.of(0));
    try (Producer producer = client.newProducer("s", ProducerOptions.defaults().withLinger(Duration.ZERO))) {
      CompletableFuture<PutResult> first = producer.send(key, bytes("0"));
      await().atMost(Duration.ofSeconds(10)).until(() -> parentBroker.putRequests.get() == 1);
      cluster.catalog.split("s", ShardIds.of(0), null); // seals shard 0 while its request waits
      List<CompletableFuture<PutResult>> later = List.of(producer.send(key, bytes("1")), producer.send(key, bytes("2")));
      otherBroker.notOwnerOnce.add(ShardIds.of(1)); // makes the producer load the new map
      producer.send(otherKey, bytes("x")).get(10, TimeUnit.SECONDS);
      parentBroker.gate.countDown();
      assertThat(first.get(10, TimeUnit.SECONDS).shardId()).isNotEqualTo(ShardIds.of(0));
      for (CompletableFuture<PutResult> f : later) {
        assertThat(f.get(10, TimeUnit.SECONDS).shardId()).isEqualTo(first.get().shardId());
      }
      String child = first.get().shardId();
      assertThat(cluster.logs.records(child)).extracting(r -> r.getData().toStringUtf8()).containsExactly("0", "1", "2");
    }
  }

  @Test
  void producersAndReadersKeepWorkingWhileTheStreamReshards() throws Exception {
    cluster.createStream("s", 2);
    int keys = 40;
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService sender = Executors.newSingleThreadExecutor();
    List<CompletableFuture<PutResult>> acked = new ArrayList<>();
    try (Producer producer = client.newProducer("s", ProducerOptions.defaults().withLinger(Duration.ofMillis(2)))) {
      Future<Integer> sent = sender.submit(() -> {
        int i = 0;
        while (!stop.get() || i < 3_000) {
          CompletableFuture<PutResult> f = producer.send("key-" + (i % keys), bytes((i % keys) + ":" + (i / keys)));
          synchronized (acked) {
            acked.add(f);
          }
          i++;
          if (i % 50 == 0) {
            producer.flush(); // paces the sender, so the stream grows steadily rather than as fast as it can
          }
        }
        return i;
      });
      awaitAcked(acked, 500);
      client.splitShard("s", "0", null);
      awaitAcked(acked, 1_000);
      client.mergeShards("s", "2", "3");
      awaitAcked(acked, 1_500);
      client.updateShardCount("s", 5);
      awaitAcked(acked, 2_000);
      client.updateShardCount("s", 3);
      stop.set(true);
      int total = sent.get(30, TimeUnit.SECONDS);
      producer.flush();
      for (CompletableFuture<PutResult> f : acked) {
        f.get(10, TimeUnit.SECONDS);
      }
      assertThat(total).isGreaterThanOrEqualTo(3_000);
      assertEveryKeyInOrder(readAll(total), keys, total);
    } finally {
      sender.shutdownNow();
    }
  }

  private List<ReceivedRecord> readAll(int total) {
    List<ReceivedRecord> all = new ArrayList<>();
    try (StreamReader reader = client.newStreamReader("s", Position.trimHorizon())) {
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        all.addAll(reader.poll(1_000));
        return all.size() >= total;
      });
      assertThat(reader.poll(1_000)).isEmpty();
    }
    return all;
  }

  private static void assertEveryKeyInOrder(List<ReceivedRecord> all, int keys, int total) {
    Map<String, List<Integer>> perKey = new HashMap<>();
    for (ReceivedRecord r : all) {
      String[] parts = new String(r.data(), StandardCharsets.UTF_8).split(":");
      perKey.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(Integer.parseInt(parts[1]));
    }
    assertThat(all).hasSize(total);
    for (int k = 0; k < keys; k++) {
      List<Integer> got = perKey.get(String.valueOf(k));
      for (int i = 0; i < got.size(); i++) {
        assertThat(got.get(i)).as("record %d of key %d", i, k).isEqualTo(i);
      }
    }
  }

  private static void awaitAcked(List<CompletableFuture<PutResult>> acked, int n) {
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      synchronized (acked) {
        return acked.size() >= n && acked.get(n - 1).isDone();
      }
    });
  }

  private static String keyIn(StreamDescription d, String shardId) {
    ShardInfo shard = shard(d, shardId);
    var range = FakeCatalog.range(shard);
    for (int i = 0; ; i++) {
      if (range.contains(HashKey.ofPartitionKey("k" + i))) {
        return "k" + i;
      }
    }
  }

  private static List<String> open(StreamDescription d) {
    return d.getShardsList().stream().filter(s -> s.getState() == ShardState.OPEN).map(ShardInfo::getShardId).toList();
  }

  private static ShardInfo shard(StreamDescription d, String id) {
    return d.getShardsList().stream().filter(s -> s.getShardId().equals(id)).findFirst().orElseThrow();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}

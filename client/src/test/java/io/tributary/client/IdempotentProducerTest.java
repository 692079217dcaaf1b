package io.tributary.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.client.fake.FakeBroker;
import io.tributary.client.fake.FakeCatalog;
import io.tributary.client.fake.FakeCluster;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.HashKey;
import io.tributary.common.stream.ShardIds;
import io.tributary.proto.v1.PutRecordsRequest;
import io.tributary.proto.v1.Record;
import io.tributary.proto.v1.ShardInfo;
import io.tributary.proto.v1.ShardPut;
import io.tributary.proto.v1.StreamDescription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An idempotent producer against brokers that drop retried duplicates: what its numbering guarantees. */
class IdempotentProducerTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final FakeCluster cluster = FakeCluster.start(2);
  private final TributaryClient client = cluster.client();

  @AfterEach
  void close() throws Exception {
    cluster.close();
  }

  @Test
  void aRequestWhoseAnswerWasLostIsRetriedAndWrittenOnce() throws Exception {
    cluster.createStream("s", 1);
    FakeBroker broker = cluster.brokers.get(0);
    broker.loseAnswers.set(1);
    List<CompletableFuture<PutResult>> futures = sendThree(options());

    assertThat(futures).extracting(f -> f.get(10, TimeUnit.SECONDS).sequenceNumber()).containsExactly(0L, 1L, 2L);
    assertThat(cluster.logs.records(ShardIds.of(0))).extracting(IdempotentProducerTest::data)
        .containsExactly("0", "1", "2");
    assertThat(broker.received).hasSize(2);
    assertThat(broker.received.get(1)).isEqualTo(broker.received.get(0));
    assertThat(broker.received.get(0).getProducerId()).isPositive();
  }

  @Test
  void aLostAnswerToAPartlyAcceptedBatchIsRetriedWithoutWritingItsPrefixAgain() throws Exception {
    cluster.createStream("s", 1);
    FakeBroker broker = cluster.brokers.get(0);
    broker.acceptAtMost = 2;
    broker.loseAnswers.set(1);
    List<CompletableFuture<PutResult>> futures = new ArrayList<>();
    try (Producer producer = client.newProducer("s", options().withLinger(Duration.ofSeconds(30)))) {
      for (int i = 0; i < 5; i++) {
        futures.add(producer.send("k", bytes(Integer.toString(i))));
      }
      producer.flush();
    }

    assertThat(futures).extracting(f -> f.get(10, TimeUnit.SECONDS).sequenceNumber()).containsExactly(0L, 1L, 2L, 3L, 4L);
    assertThat(cluster.logs.records(ShardIds.of(0))).extracting(IdempotentProducerTest::data)
        .containsExactly("0", "1", "2", "3", "4");
  }

  @Test
  void aDuplicateTheBrokerNoLongerRemembersIsAcknowledgedWithoutANumber() throws Exception {
    cluster.createStream("s", 1);
    FakeBroker broker = cluster.brokers.get(0);
    broker.loseAnswers.set(1);
    broker.forgetBatches = true;
    List<CompletableFuture<PutResult>> futures = sendThree(options());

    for (CompletableFuture<PutResult> f : futures) {
      PutResult r = f.get(10, TimeUnit.SECONDS);
      assertThat(r.succeeded()).isTrue();
      assertThat(r.sequenceNumber()).isEqualTo(-1);
    }
    assertThat(cluster.logs.records(ShardIds.of(0))).hasSize(3);
  }

  @Test
  void retriesKeepTheirProducerSequences() throws Exception {
    cluster.createStream("s", 1);
    FakeBroker broker = cluster.brokers.get(0);
    broker.acceptAtMost = 2;
    broker.failNext.add(new TributaryException(ErrorCode.UNAVAILABLE, "broker restarting"));
    List<CompletableFuture<PutResult>> futures = new ArrayList<>();
    try (Producer producer = client.newProducer("s", options().withLinger(Duration.ofSeconds(30)))) {
      for (int i = 0; i < 5; i++) {
        futures.add(producer.send("k", bytes(Integer.toString(i))));
      }
      producer.flush();
    }
    assertThat(futures).allSatisfy(f -> assertThat(f).isCompleted());
    assertThat(broker.received).extracting(r -> r.getShards(0).getFirstProducerSequence() + "x" + r.getShards(0).getRecordsCount())
        .containsExactly("1x5", "1x5", "3x3", "5x1");
    assertThat(broker.received).extracting(PutRecordsRequest::getProducerId).containsOnly(broker.received.get(0).getProducerId());
    assertThat(cluster.logs.records(ShardIds.of(0))).extracting(Record::getProducerSequence).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(cluster.logs.records(ShardIds.of(0))).extracting(IdempotentProducerTest::data)
        .containsExactly("0", "1", "2", "3", "4");
  }

  @Test
  void afterALeaderFailoverTheSameBatchGoesToTheNewLeaderWhichWritesItOnce() throws Exception {
    cluster.createStream("s", 1);
    String shard = ShardIds.of(0);
    FakeBroker deposed = cluster.leaderOf("s", shard);
    FakeBroker successor = cluster.brokers.get(0) == deposed ? cluster.brokers.get(1) : cluster.brokers.get(0);
    deposed.failAfterWrite.add(ErrorCode.REPLICATION_TIMEOUT);
    List<CompletableFuture<PutResult>> futures = new ArrayList<>();
    try (Producer producer = client.newProducer("s", options().withLinger(Duration.ofSeconds(30)))) {
      // the producer knows the old leader; the coordinator elects another, which holds the same log
      successor.own(shard);
      cluster.catalog.moveLeader("s", shard, successor.address());
      for (int i = 0; i < 3; i++) {
        futures.add(producer.send("k", bytes(Integer.toString(i))));
      }
      producer.flush();
    }

    assertThat(futures).extracting(f -> f.get(10, TimeUnit.SECONDS).sequenceNumber()).containsExactly(0L, 1L, 2L);
    assertThat(cluster.logs.records(shard)).extracting(IdempotentProducerTest::data).containsExactly("0", "1", "2");
    assertThat(deposed.received).hasSize(1);
    assertThat(successor.received).containsExactly(deposed.received.get(0));
  }

  @Test
  void recordsReRoutedToAChildAfterASplitAreNumberedAnewInTheChild() throws Exception {
    cluster.createStream("s", 2);
    FakeBroker parentBroker = cluster.leaderOf("s", ShardIds.of(0));
    FakeBroker otherBroker = cluster.leaderOf("s", ShardIds.of(1));
    String key = keyIn(cluster.catalog.describe("s"), ShardIds.of(0));
    String otherKey = keyIn(cluster.catalog.describe("s"), ShardIds.of(1));
    parentBroker.gate = new CountDownLatch(1);
    parentBroker.gateOnly.add(ShardIds.of(0));
    try (Producer producer = client.newProducer("s", options().withLinger(Duration.ZERO))) {
      CompletableFuture<PutResult> first = producer.send(key, bytes("0"));
      await().atMost(WAIT).until(() -> parentBroker.putRequests.get() == 1);
      cluster.catalog.split("s", ShardIds.of(0), null); // seals shard 0 while its request waits
      List<CompletableFuture<PutResult>> later = List.of(producer.send(key, bytes("1")), producer.send(key, bytes("2")));
      otherBroker.notOwnerOnce.add(ShardIds.of(1)); // makes the producer load the new map
      producer.send(otherKey, bytes("x")).get(10, TimeUnit.SECONDS);
      parentBroker.gate.countDown();
      String child = first.get(10, TimeUnit.SECONDS).shardId();
      for (CompletableFuture<PutResult> f : later) {
        f.get(10, TimeUnit.SECONDS);
      }

      assertThat(child).isNotEqualTo(ShardIds.of(0));
      assertThat(cluster.logs.records(ShardIds.of(0))).isEmpty();
      assertThat(cluster.logs.records(child)).extracting(r -> data(r) + "@" + r.getProducerSequence())
          .containsExactly("0@1", "1@2", "2@3");
      ShardPut parentPut = parentBroker.received.get(0).getShards(0);
      assertThat(parentPut.getFirstProducerSequence()).isEqualTo(1);
    }
  }

  @Test
  void recordsGivenUpWithAnUnknownOutcomeMakeTheProducerNumberAnewUnderAnotherId() throws Exception {
    cluster.createStream("s", 1);
    FakeBroker broker = cluster.brokers.get(0);
    try (Producer producer = client.newProducer("s", options().withLinger(Duration.ZERO))) {
      producer.send("k", bytes("0")).get(10, TimeUnit.SECONDS);
      broker.failNext.add(new TributaryException(ErrorCode.INVALID_ARGUMENT, "refused"));
      assertThat(producer.send("k", bytes("1"))).failsWithin(WAIT);

      PutResult third = producer.send("k", bytes("2")).get(10, TimeUnit.SECONDS);

      assertThat(third.succeeded()).isTrue();
    }
    List<Record> written = cluster.logs.records(ShardIds.of(0));
    assertThat(written).extracting(IdempotentProducerTest::data).containsExactly("0", "2");
    assertThat(written.get(1).getProducerId()).isNotEqualTo(written.get(0).getProducerId());
    assertThat(written.get(1).getProducerSequence()).isEqualTo(1);
  }

  @Test
  void aBrokerRefusesAGapWithOutOfOrderSequence() {
    cluster.createStream("s", 1);
    String shard = ShardIds.of(0);
    var log = cluster.logs.log(shard);
    var entries = List.of(io.tributary.proto.v1.PutRecordsEntry.newBuilder().setPartitionKey("k").build());
    assertThat(log.put(7, 1, entries, 1, 0).accepted()).isEqualTo(1);
    assertThat(log.put(7, 3, entries, 1, 0).check().verdict().name()).isEqualTo("GAP");
    assertThat(log.put(7, 1, entries, 1, 0).firstNumber()).isZero();
    assertThat(log.size()).isEqualTo(1);
  }

  @Test
  void aProducerThatIsNotIdempotentSendsNoIdAndMayWriteARetryTwice() throws Exception {
    cluster.createStream("s", 1);
    FakeBroker broker = cluster.brokers.get(0);
    broker.loseAnswers.set(1);
    List<CompletableFuture<PutResult>> futures = sendThree(options().withIdempotent(false));

    assertThat(futures).extracting(f -> f.get(10, TimeUnit.SECONDS).sequenceNumber()).containsExactly(3L, 4L, 5L);
    assertThat(broker.received).extracting(PutRecordsRequest::getProducerId).containsOnly(0L);
    assertThat(broker.received).extracting(r -> r.getShards(0).getFirstProducerSequence()).containsOnly(0L);
    assertThat(cluster.logs.records(ShardIds.of(0))).extracting(IdempotentProducerTest::data)
        .containsExactly("0", "1", "2", "0", "1", "2");
  }

  private List<CompletableFuture<PutResult>> sendThree(ProducerOptions options) {
    List<CompletableFuture<PutResult>> futures = new ArrayList<>();
    try (Producer producer = client.newProducer("s", options.withLinger(Duration.ofSeconds(30)))) {
      for (int i = 0; i < 3; i++) {
        futures.add(producer.send("k", bytes(Integer.toString(i))));
      }
      producer.flush();
    }
    return futures;
  }

  private static ProducerOptions options() {
    return ProducerOptions.defaults().withRetryBackoff(Duration.ofMillis(5));
  }

  private static String keyIn(StreamDescription d, String shardId) {
    ShardInfo shard = d.getShardsList().stream().filter(s -> s.getShardId().equals(shardId)).findFirst().orElseThrow();
    var range = FakeCatalog.range(shard);
    for (int i = 0; ; i++) {
      if (range.contains(HashKey.ofPartitionKey("k" + i))) {
        return "k" + i;
      }
    }
  }

  private static String data(Record r) {
    return r.getData().toStringUtf8();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}

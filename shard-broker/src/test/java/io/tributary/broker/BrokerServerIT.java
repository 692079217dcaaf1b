package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.grpc.GrpcErrors;
import io.tributary.common.stream.HashKey;
import io.tributary.common.stream.HashKeyRange;
import io.tributary.common.stream.MetadataJson;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.common.time.ManualClock;
import io.tributary.common.zk.Registrations;
import io.tributary.proto.v1.GetRecordsResponse;
import io.tributary.proto.v1.GetShardStatsRequest;
import io.tributary.proto.v1.IteratorType;
import io.tributary.proto.v1.PutRecordsEntry;
import io.tributary.proto.v1.PutRecordsRequest;
import io.tributary.proto.v1.PutRecordsResponse;
import io.tributary.proto.v1.Record;
import io.tributary.proto.v1.ShardDataGrpc;
import io.tributary.proto.v1.ShardPut;
import io.tributary.proto.v1.ShardPutResult;
import io.tributary.proto.v1.ShardStats;
import io.tributary.proto.v1.StartingPosition;
import io.tributary.proto.v1.SubscribeEvent;
import io.tributary.proto.v1.SubscribeRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A real broker on loopback, driven through ZooKeeper nodes and its gRPC service. */
class BrokerServerIT {
  private static final String SHARD0 = "shardId-000000000000";
  private static final String SHARD1 = "shardId-000000000001";
  @RegisterExtension static final TestZooKeeper ZOOKEEPER = new TestZooKeeper();

  @TempDir Path dir;
  private final ManualClock clock = new ManualClock(1_800_000_000_000L);
  private String cluster;
  private ZkFixture zk;
  private BrokerFixture broker;

  @BeforeEach
  void startBroker() {
    cluster = ZOOKEEPER.newCluster("it");
    zk = new ZkFixture(ZOOKEEPER.connectString(), cluster);
    broker = startBroker(7);
  }

  @AfterEach
  void stop() {
    if (broker != null) {
      broker.close();
    }
    zk.close();
  }

  private BrokerFixture startBroker(int id) {
    return BrokerFixture.start(ZOOKEEPER.connectString(), cluster, id, dir, clock, Map.of());
  }

  private List<ShardMetadata> createStream(String name, int shards) throws Exception {
    List<ShardMetadata> created = zk.createStream(name, "uid-" + name, shards, 7);
    broker.awaitLeading(name, shards);
    return created;
  }

  @Test
  void putRecordsAreReadBackInOrderWithContiguousSequenceNumbers() throws Exception {
    createStream("clicks", 1);

    PutRecordsResponse first = broker.put("clicks", SHARD0, "a", "one", "b", "two", "c", "three");
    clock.advance(Duration.ofSeconds(1));
    PutRecordsResponse second = broker.put("clicks", SHARD0, "d", "four");
    GetRecordsResponse got = broker.get(broker.trimHorizon("clicks", SHARD0), 0);

    assertThat(first.getResults(0).getAccepted()).isEqualTo(3);
    assertThat(first.getResults(0).getFirstSequenceNumber()).isZero();
    assertThat(first.getResults(0).getArrivalMillis()).isEqualTo(1_800_000_000_000L);
    assertThat(second.getResults(0).getFirstSequenceNumber()).isEqualTo(3);
    List<Record> records = TestRecords.decode(got.getRecords());
    assertThat(records).extracting(Record::getSequenceNumber).containsExactly(0L, 1L, 2L, 3L);
    assertThat(records).extracting(r -> r.getData().toStringUtf8()).containsExactly("one", "two", "three", "four");
    assertThat(records.get(3).getArrivalMillis()).isEqualTo(1_800_000_001_000L);
    assertThat(got.getRecordCount()).isEqualTo(4);
    assertThat(got.getMillisBehindLatest()).isZero();
    GetRecordsResponse empty = broker.get(got.getNextShardIterator(), 10);
    assertThat(empty.getRecordCount()).isZero();
    assertThat(empty.getNextShardIterator()).isNotEmpty();
  }

  @Test
  void getRecordsReportsHowFarBehindTheReaderIs() throws Exception {
    createStream("lag", 1);
    broker.put("lag", SHARD0, "a", "1", "b", "2");
    clock.advance(Duration.ofSeconds(3));
    broker.put("lag", SHARD0, "c", "3");
    clock.advance(Duration.ofSeconds(2));

    GetRecordsResponse partial = broker.get(broker.trimHorizon("lag", SHARD0), 1);

    assertThat(partial.getRecordCount()).isEqualTo(1);
    assertThat(partial.getMillisBehindLatest()).isEqualTo(5_000);
    assertThat(broker.get(partial.getNextShardIterator(), 1).getMillisBehindLatest()).isEqualTo(2_000);
  }

  @Test
  void recordsAreRoutedByExplicitHashKeyOrByTheHashOfTheirPartitionKey() throws Exception {
    List<ShardMetadata> shards = createStream("routed", 2);
    HashKeyRange upper = shards.get(1).hashKeyRange();
    String explicit = upper.start().toString();
    String lowKey = keyHashingInto(shards.get(0).hashKeyRange());

    PutRecordsResponse response =
        broker.stub().putRecords(PutRecordsRequest.newBuilder().setStream("routed")
            .addShards(ShardPut.newBuilder().setShardId(SHARD1).addRecords(
                PutRecordsEntry.newBuilder().setPartitionKey(lowKey).setExplicitHashKey(explicit)))
            .addShards(ShardPut.newBuilder().setShardId(SHARD0).addRecords(BrokerFixture.entry(lowKey, "x")))
            .addShards(ShardPut.newBuilder().setShardId(SHARD0).addRecords(
                PutRecordsEntry.newBuilder().setPartitionKey(lowKey).setExplicitHashKey(explicit)))
            .build());

    assertThat(response.getResultsList()).extracting(ShardPutResult::getAccepted).containsExactly(1, 1, 0);
    ShardPutResult stale = response.getResults(2);
    assertThat(stale.getError().getCode()).isEqualTo(ErrorCode.NOT_SHARD_OWNER.shortName());
    assertThat(stale.getError().getMessage()).contains("record 0 has hash key " + explicit)
        .contains("outside the range").contains("refresh it and retry");
    assertThat(broker.get(broker.trimHorizon("routed", SHARD1), 0).getRecordCount()).isEqualTo(1);
    assertThat(broker.get(broker.trimHorizon("routed", SHARD0), 0).getRecordCount()).isEqualTo(1);
  }

  @Test
  void iteratorsOfAllFiveKindsStartWhereKinesisWouldStart() throws Exception {
    createStream("kinds", 1);
    broker.put("kinds", SHARD0, "a", "0", "a", "1");
    clock.advance(Duration.ofSeconds(10));
    broker.put("kinds", SHARD0, "a", "2", "a", "3");
    clock.advance(Duration.ofSeconds(10));
    broker.put("kinds", SHARD0, "a", "4");
    long t0 = 1_800_000_000_000L;

    assertThat(firstSequence(IteratorType.TRIM_HORIZON, 0, 0)).isZero();
    assertThat(firstSequence(IteratorType.LATEST, 0, 0)).isEqualTo(-1);
    assertThat(firstSequence(IteratorType.AT_SEQUENCE_NUMBER, 3, 0)).isEqualTo(3);
    assertThat(firstSequence(IteratorType.AFTER_SEQUENCE_NUMBER, 3, 0)).isEqualTo(4);
    assertThat(firstSequence(IteratorType.AFTER_SEQUENCE_NUMBER, 4, 0)).isEqualTo(-1);
    assertThat(firstSequence(IteratorType.AT_TIMESTAMP, 0, t0 + 5_000)).isEqualTo(2);
    assertThat(firstSequence(IteratorType.AT_TIMESTAMP, 0, t0 + 10_000)).isEqualTo(2);
    assertThat(firstSequence(IteratorType.AT_TIMESTAMP, 0, t0 + 60_000)).isEqualTo(-1);
    String latest = broker.iterator("kinds", SHARD0, IteratorType.LATEST, 0, 0);
    broker.put("kinds", SHARD0, "a", "5");
    assertThat(TestRecords.decode(broker.get(latest, 0).getRecords())).extracting(Record::getSequenceNumber)
        .containsExactly(5L);
  }

  private long firstSequence(IteratorType type, long sequence, long timestamp) {
    GetRecordsResponse response = broker.get(broker.iterator("kinds", SHARD0, type, sequence, timestamp), 1);
    return response.getRecordCount() == 0 ? -1 : TestRecords.decode(response.getRecords()).get(0).getSequenceNumber();
  }

  @Test
  void subscriptionPushesRecordsAppendedAfterItStartedAndHeartbeatsWhenIdle() throws Exception {
    createStream("pushed", 1);
    broker.put("pushed", SHARD0, "old", "before");
    SubscriptionProbe probe = subscribe("pushed", IteratorType.LATEST, false, 0);

    await().atMost(Duration.ofSeconds(10)).until(() -> !probe.events().isEmpty());
    SubscribeEvent heartbeat = probe.events().get(0);
    assertThat(heartbeat.getRecordCount()).isZero();
    assertThat(heartbeat.getContinuationSequenceNumber()).isZero();
    assertThat(heartbeat.getMillisBehindLatest()).isZero();

    broker.put("pushed", SHARD0, "k", "new-1", "k", "new-2");
    broker.put("pushed", SHARD0, "k", "new-3");
    await().atMost(Duration.ofSeconds(10)).until(() -> probe.records().size() == 3);
    assertThat(probe.records()).extracting(Record::getSequenceNumber).containsExactly(1L, 2L, 3L);
    SubscribeEvent last = probe.events().get(probe.events().size() - 1);
    assertThat(last.getContinuationSequenceNumber()).isEqualTo(3);

    probe.cancel();
    assertThat(broker.put("pushed", SHARD0, "k", "after").getResults(0).getAccepted()).isEqualTo(1);
  }

  @Test
  void aSlowSubscriberGetsEveryRecordInOrderThroughFlowControl() throws Exception {
    createStream("slow", 1);
    ByteString payload = ByteString.copyFrom(new byte[1000]);
    for (int batch = 0; batch < 20; batch++) {
      ShardPut.Builder put = ShardPut.newBuilder().setShardId(SHARD0);
      for (int i = 0; i < 500; i++) {
        put.addRecords(PutRecordsEntry.newBuilder().setPartitionKey("k").setData(payload));
      }
      broker.stub().putRecords(PutRecordsRequest.newBuilder().setStream("slow").addShards(put).build());
    }
    SubscriptionProbe probe = subscribe("slow", IteratorType.TRIM_HORIZON, true, 64 * 1024);

    for (int expected = 1; probe.records().size() < 10_000; expected++) {
      int events = expected;
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2)).until(() -> probe.events().size() >= events || probe.error() != null);
      assertThat(probe.error()).isNull();
      assertThat(probe.events()).hasSize(events);
      probe.request(1);
    }

    assertThat(probe.records()).extracting(Record::getSequenceNumber)
        .isEqualTo(java.util.stream.LongStream.range(0, 10_000).boxed().toList());
    assertThat(probe.events()).allSatisfy(e -> assertThat(e.getRecords().size()).isLessThanOrEqualTo(64 * 1024));
    probe.cancel();
  }

  @Test
  void restartingOnTheSameDirectoryKeepsRecordsAndNumbering() throws Exception {
    createStream("durable", 1);
    broker.put("durable", SHARD0, "a", "1", "b", "2", "c", "3");
    broker.close();

    broker = startBroker(7);
    broker.awaitLeading("durable", 1);
    PutRecordsResponse after = broker.put("durable", SHARD0, "d", "4");

    assertThat(after.getResults(0).getFirstSequenceNumber()).isEqualTo(3);
    assertThat(TestRecords.decode(broker.get(broker.trimHorizon("durable", SHARD0), 0).getRecords()))
        .extracting(r -> r.getData().toStringUtf8()).containsExactly("1", "2", "3", "4");
  }

  @Test
  void aRetriedIdempotentBatchIsAnsweredWithItsOriginalSequenceNumbersAndWrittenOnce() throws Exception {
    createStream("orders", 1);
    broker.put("orders", SHARD0, "plain", "p0");

    PutRecordsResponse first = broker.putIdempotent("orders", SHARD0, 11, 1, "a", "b", "c");
    broker.put("orders", SHARD0, "plain", "p1");
    clock.advance(Duration.ofSeconds(1));
    PutRecordsResponse retry = broker.putIdempotent("orders", SHARD0, 11, 1, "a", "b", "c");
    PutRecordsResponse next = broker.putIdempotent("orders", SHARD0, 11, 4, "d");

    assertThat(first.getResults(0).getFirstSequenceNumber()).isEqualTo(1);
    assertThat(retry).isEqualTo(first);
    assertThat(next.getResults(0).getFirstSequenceNumber()).isEqualTo(5);
    List<Record> records = TestRecords.decode(broker.get(broker.trimHorizon("orders", SHARD0), 0).getRecords());
    assertThat(records).extracting(r -> r.getData().toStringUtf8()).containsExactly("p0", "a", "b", "c", "p1", "d");
    assertThat(records).extracting(Record::getProducerId).containsExactly(0L, 11L, 11L, 11L, 0L, 11L);
    assertThat(records).extracting(Record::getProducerSequence).containsExactly(0L, 1L, 2L, 3L, 0L, 4L);
  }

  @Test
  void putsOfNonIdempotentWritersAreWrittenEveryTime() throws Exception {
    createStream("plain", 1);

    broker.put("plain", SHARD0, "a", "same");
    PutRecordsResponse again = broker.put("plain", SHARD0, "a", "same");

    assertThat(again.getResults(0).getFirstSequenceNumber()).isEqualTo(1);
    assertThat(broker.get(broker.trimHorizon("plain", SHARD0), 0).getRecordCount()).isEqualTo(2);
  }

  @Test
  void aRetryAfterARestartIsStillADuplicate() throws Exception {
    createStream("durable", 1);
    PutRecordsResponse first = broker.putIdempotent("durable", SHARD0, 12, 1, "a", "b");
    broker.close();

    broker = startBroker(7);
    broker.awaitLeading("durable", 1);
    PutRecordsResponse retry = broker.putIdempotent("durable", SHARD0, 12, 1, "a", "b");
    PutRecordsResponse next = broker.putIdempotent("durable", SHARD0, 12, 3, "c");

    assertThat(retry).isEqualTo(first);
    assertThat(next.getResults(0).getFirstSequenceNumber()).isEqualTo(2);
    assertThat(TestRecords.decode(broker.get(broker.trimHorizon("durable", SHARD0), 0).getRecords()))
        .extracting(r -> r.getData().toStringUtf8()).containsExactly("a", "b", "c");
  }

  @Test
  void deletingTheStreamEndsSubscriptionsAndRemovesItsData() throws Exception {
    createStream("doomed", 1);
    broker.put("doomed", SHARD0, "a", "1");
    Path data = dir.resolve("streams").resolve("doomed-uid-doomed").resolve(SHARD0);
    assertThat(data).isDirectory();
    SubscriptionProbe probe = subscribe("doomed", IteratorType.TRIM_HORIZON, false, 0);
    await().atMost(Duration.ofSeconds(10)).until(() -> probe.records().size() == 1);

    zk.deleteStream("doomed");

    await().atMost(Duration.ofSeconds(20)).until(() -> !Files.exists(data.getParent()));
    await().atMost(Duration.ofSeconds(10)).until(() -> probe.error() != null);
    assertThat(Status.fromThrowable(probe.error()).getCode()).isEqualTo(Status.Code.NOT_FOUND);
    BrokerFixture.assertFails(() -> broker.put("doomed", SHARD0, "a", "2"), Status.Code.NOT_FOUND,
        ErrorCode.RESOURCE_NOT_FOUND, "stream 'doomed' does not exist");
  }

  @Test
  void aClosedShardTakesNoWritesAndReadsEndWithItsChildren() throws Exception {
    List<ShardMetadata> shards = createStream("split", 1);
    broker.put("split", SHARD0, "a", "1");
    ShardMetadata parent = shards.get(0);
    List<HashKeyRange> halves = HashKeyRange.uniform(2);
    zk.putShard("split", ZkFixture.shard("shardId-000000000001", halves.get(0), ShardMetadata.OPEN, 7, List.of(SHARD0)));
    zk.putShard("split", ZkFixture.shard("shardId-000000000002", halves.get(1), ShardMetadata.OPEN, 7, List.of(SHARD0)));
    zk.putShard("split", ZkFixture.shard(SHARD0, parent.hashKeyRange(), ShardMetadata.CLOSED, 7, List.of()));
    broker.awaitLeading("split", 3);
    await().atMost(Duration.ofSeconds(20)).until(
        () -> !broker.put("split", SHARD0, "a", "2").getResults(0).getError().getCode().isEmpty());

    ShardPutResult refused = broker.put("split", SHARD0, "a", "2").getResults(0);
    GetRecordsResponse end = broker.get(broker.trimHorizon("split", SHARD0), 0);

    assertThat(refused.getError().getCode()).isEqualTo(ErrorCode.NOT_SHARD_OWNER.shortName());
    assertThat(refused.getError().getMessage()).contains("is closed");
    assertThat(end.getRecordCount()).isEqualTo(1);
    assertThat(end.getNextShardIterator()).isEmpty();
    assertThat(end.getChildShardsList()).extracting(c -> c.getShardId())
        .containsExactly("shardId-000000000001", "shardId-000000000002");
  }

  @Test
  void shardStatsReportTheMeasuredWriteRateAndTheSeal() throws Exception {
    List<ShardMetadata> shards = createStream("rates", 1);
    broker.put("rates", SHARD0, "k", "12345", "k", "12345");
    clock.advance(Duration.ofSeconds(1));
    broker.put("rates", SHARD0, "k", "12345");
    clock.advance(Duration.ofSeconds(1));

    ShardStats open = stats("rates");
    zk.putShard("rates", ZkFixture.shard(SHARD0, shards.get(0).hashKeyRange(), ShardMetadata.CLOSED, 7, List.of()));
    await().atMost(Duration.ofSeconds(20)).until(() -> stats("rates").getSealed());

    assertThat(open.getSealed()).isFalse();
    assertThat(open.getWriteRecordsPerSecond()).isEqualTo(0.3);
    assertThat(open.getWriteBytesPerSecond()).isEqualTo(1.8);
    assertThat(stats("rates").getNextSequenceNumber()).isEqualTo(3);
  }

  @Test
  void aSubscriptionWaitingAtTheEndCompletesWhenTheShardIsSealed() throws Exception {
    List<ShardMetadata> shards = createStream("sealed", 1);
    broker.put("sealed", SHARD0, "k", "before");
    SubscriptionProbe probe = subscribe("sealed", IteratorType.TRIM_HORIZON, false, 0);
    await().atMost(Duration.ofSeconds(10)).until(() -> probe.records().size() == 1);

    zk.putShard("sealed", ZkFixture.shard(SHARD0, shards.get(0).hashKeyRange(), ShardMetadata.CLOSED, 7, List.of()));

    await().atMost(Duration.ofSeconds(20)).until(probe::completed);
    assertThat(probe.error()).isNull();
    ShardPutResult refused = broker.put("sealed", SHARD0, "k", "after").getResults(0);
    assertThat(refused.getError().getCode()).isEqualTo(ErrorCode.NOT_SHARD_OWNER.shortName());
    assertThat(refused.getError().getMessage()).contains("is closed").contains("refresh the shard map");
  }

  @Test
  void scalingHistoryAndConsumerNodesUnderAStreamAreNotTakenForShards() throws Exception {
    createStream("busy", 1);
    zk.client().create().forPath(zk.paths().scalingHistory("busy"),
        "[{\"atMillis\":1,\"action\":\"split\"}]".getBytes(StandardCharsets.UTF_8));
    zk.client().create().creatingParentsIfNeeded().forPath(zk.paths().registeredConsumer("busy", "shards"),
        "{\"name\":\"shards\",\"stream\":\"busy\",\"createdMillis\":1}".getBytes(StandardCharsets.UTF_8));
    zk.client().setData().forPath(zk.paths().scalingHistory("busy"), "not json".getBytes(StandardCharsets.UTF_8));
    List<HashKeyRange> halves = HashKeyRange.uniform(2);
    zk.putShard("busy", ZkFixture.shard(SHARD1, halves.get(0), ShardMetadata.OPEN, 7, List.of(SHARD0)));
    broker.awaitLeading("busy", 2);

    zk.client().delete().forPath(zk.paths().scalingHistory("busy"));
    zk.client().delete().deletingChildrenIfNeeded().forPath(zk.paths().registeredConsumers("busy"));
    broker.put("busy", SHARD0, "k", "still served");

    List<ShardStats> stats =
        broker.stub().getShardStats(GetShardStatsRequest.newBuilder().setStream("busy").build()).getShardsList();
    assertThat(stats).extracting(ShardStats::getShardId).containsExactly(SHARD0, SHARD1);
    assertThat(stats.get(0).getNextSequenceNumber()).isEqualTo(1);
  }

  @Test
  void aLeftoverRegistrationOfTheSameIdIsReplaced() throws Exception {
    broker.close();
    broker = null;
    zk.client().create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL)
        .forPath(zk.paths().broker(7), MetadataJson.write(new Registrations.Broker(7, "10.0.0.1:1")));

    broker = startBroker(7);

    Registrations.Broker registered =
        MetadataJson.read(zk.client().getData().forPath(zk.paths().broker(7)), Registrations.Broker.class);
    assertThat(registered.address()).isEqualTo(broker.broker().address());
  }

  @Test
  void retentionDropsExpiredRollCyclesInTheBackground() throws Exception {
    broker.close();
    broker = BrokerFixture.start(ZOOKEEPER.connectString(), cluster, 7, dir, clock,
        Map.of(BrokerConfig.RETENTION_CHECK_INTERVAL.name(), "100ms"));
    createStream("expiring", 1);
    broker.put("expiring", SHARD0, "a", "1", "b", "2");
    clock.advance(Duration.ofMinutes(2));
    broker.put("expiring", SHARD0, "c", "3");
    clock.advance(Duration.ofHours(25));
    broker.put("expiring", SHARD0, "d", "4");

    await().atMost(Duration.ofSeconds(20)).until(() -> stats("expiring").getFirstSequenceNumber() == 3);
    assertThat(TestRecords.decode(broker.get(broker.trimHorizon("expiring", SHARD0), 0).getRecords()))
        .extracting(Record::getSequenceNumber).containsExactly(3L);
    assertThat(stats("expiring").getNextSequenceNumber()).isEqualTo(4);
    String belowHorizon = broker.iterator("expiring", SHARD0, IteratorType.AT_SEQUENCE_NUMBER, 1, 0);
    assertThat(TestRecords.decode(broker.get(belowHorizon, 0).getRecords())).extracting(Record::getSequenceNumber)
        .containsExactly(3L);
  }

  @Test
  void shardStatsDescribeEveryLedShard() throws Exception {
    createStream("stats", 2);
    broker.put("stats", SHARD1, keyHashingInto(HashKeyRange.uniform(2).get(1)), "x");

    List<ShardStats> stats =
        broker.stub().getShardStats(GetShardStatsRequest.newBuilder().setStream("stats").build()).getShardsList();

    assertThat(stats).extracting(ShardStats::getShardId).containsExactly(SHARD0, SHARD1);
    assertThat(stats.get(0).getNextSequenceNumber()).isZero();
    assertThat(stats.get(0).getLastArrivalMillis()).isEqualTo(-1);
    assertThat(stats.get(1).getNextSequenceNumber()).isEqualTo(1);
    assertThat(stats.get(1).getLastArrivalMillis()).isEqualTo(1_800_000_000_000L);
    assertThat(stats.get(1).getBytesOnDisk()).isPositive();
  }

  @Test
  void getRecordsReturnsAtMostTenMebibytes() throws Exception {
    createStream("big", 1);
    ByteString mebibyte = ByteString.copyFrom(new byte[1024 * 1024 - 10]);
    for (int request = 0; request < 3; request++) {
      ShardPut.Builder put = ShardPut.newBuilder().setShardId(SHARD0);
      for (int i = 0; i < 4; i++) {
        put.addRecords(PutRecordsEntry.newBuilder().setPartitionKey("k").setData(mebibyte));
      }
      broker.stub().putRecords(PutRecordsRequest.newBuilder().setStream("big").addShards(put).build());
    }

    GetRecordsResponse first = broker.get(broker.trimHorizon("big", SHARD0), 0);
    GetRecordsResponse rest = broker.get(first.getNextShardIterator(), 0);

    assertThat(first.getRecords().size()).isLessThanOrEqualTo(10 * 1024 * 1024);
    assertThat(first.getRecordCount()).isEqualTo(9);
    assertThat(rest.getRecordCount()).isEqualTo(3);
  }

  @Test
  void subscriptionsEndWithUnavailableWhenTheBrokerStops() throws Exception {
    createStream("stopping", 1);
    SubscriptionProbe probe = subscribe("stopping", IteratorType.TRIM_HORIZON, false, 0);
    broker.put("stopping", SHARD0, "k", "v");
    await().atMost(Duration.ofSeconds(10)).until(() -> probe.records().size() == 1);

    broker.close();
    broker = null;

    await().atMost(Duration.ofSeconds(10)).until(() -> probe.error() != null);
    assertThat(Status.fromThrowable(probe.error()).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(probe.error()).hasMessageContaining("broker 7 is stopping");
  }

  @Test
  void refusesWritesWhileZooKeeperIsDownKeepsServingReadsAndResumesAfterwards() throws Exception {
    try (TestingServer own = new TestingServer(true);
        ZkFixture ownZk = new ZkFixture(own.getConnectString(), cluster);
        BrokerFixture local = BrokerFixture.start(own.getConnectString(), cluster, 9, dir.resolve("own"), clock,
            Map.of("zookeeper.session-timeout", "2s"))) {
      ownZk.createStream("steady", "u", 1, 9);
      local.awaitLeading("steady", 1);
      assertThat(local.put("steady", SHARD0, "k", "v").getResults(0).getAccepted()).isEqualTo(1);

      own.stop();
      // A leader cut off from ZooKeeper may have been replaced: it must not acknowledge writes.
      await().atMost(Duration.ofSeconds(10)).until(
          () -> local.put("steady", SHARD0, "k", "v").getResults(0).getError().getCode()
              .equals(ErrorCode.NOT_SHARD_OWNER.shortName()));
      assertThat(local.put("steady", SHARD0, "k", "v").getResults(0).getError().getMessage())
          .contains("re-validating its leadership");
      assertThat(local.get(local.trimHorizon("steady", SHARD0), 0).getRecordCount()).isEqualTo(1);

      own.restart();
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(
          () -> local.put("steady", SHARD0, "k", "v").getResults(0).getAccepted() == 1);
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(
          () -> ownZk.client().checkExists().forPath(ownZk.paths().broker(9)) != null);
      ownZk.createStream("later", "u", 1, 9);
      await().atMost(Duration.ofSeconds(30)).until(() -> local.leads("later", 1));
    }
  }

  private ShardStats stats(String stream) {
    return broker.stub().getShardStats(GetShardStatsRequest.newBuilder().setStream(stream).build()).getShards(0);
  }

  private SubscriptionProbe subscribe(String stream, IteratorType type, boolean manual, int maxEventBytes) {
    SubscriptionProbe probe = new SubscriptionProbe(manual);
    ShardDataGrpc.newStub(broker.channel()).subscribe(
        SubscribeRequest.newBuilder().setStream(stream).setShardId(SHARD0)
            .setPosition(StartingPosition.newBuilder().setType(type)).setMaxEventBytes(maxEventBytes).build(),
        probe);
    return probe;
  }

  static String keyHashingInto(HashKeyRange range) {
    for (int i = 0; ; i++) {
      if (range.contains(HashKey.ofPartitionKey("key-" + i))) {
        return "key-" + i;
      }
    }
  }

  static void assertStatus(StatusRuntimeException e, Status.Code code, ErrorCode error) {
    assertThat(e.getStatus().getCode()).isEqualTo(code);
    assertThat(e.getTrailers().get(GrpcErrors.ERROR_CODE)).isEqualTo(error.shortName());
  }
}

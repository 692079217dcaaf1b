package io.tributary.broker;

import static io.tributary.broker.BrokerFixture.assertFails;
import static io.tributary.broker.BrokerFixture.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.stream.HashKeyRange;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.common.stream.StreamMetadata;
import io.tributary.common.time.ManualClock;
import io.tributary.proto.v1.GetRecordsRequest;
import io.tributary.proto.v1.GetShardStatsRequest;
import io.tributary.proto.v1.IteratorType;
import io.tributary.proto.v1.PutRecordsEntry;
import io.tributary.proto.v1.PutRecordsRequest;
import io.tributary.proto.v1.PutRecordsResponse;
import io.tributary.proto.v1.ShardPut;
import io.tributary.proto.v1.ShardPutResult;
import io.tributary.proto.v1.StartingPosition;
import io.tributary.proto.v1.SubscribeRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input gets its status, error name and a message naming the problem; the broker goes on. */
class BrokerErrorsIT {
  private static final String SHARD0 = "shardId-000000000000";
  @RegisterExtension static final TestZooKeeper ZOOKEEPER = new TestZooKeeper();

  @TempDir Path dir;
  private final ManualClock clock = new ManualClock(1_800_000_000_000L);
  private ZkFixture zk;
  private BrokerFixture broker;
  private String cluster;

  @BeforeEach
  void start() throws Exception {
    cluster = ZOOKEEPER.newCluster("errors");
    zk = new ZkFixture(ZOOKEEPER.connectString(), cluster);
    broker = BrokerFixture.start(ZOOKEEPER.connectString(), cluster, 7, dir, clock, Map.of());
    zk.createStream("s", "uid-1", 1, 7);
    broker.awaitLeading("s", 1);
  }

  @AfterEach
  void stop() {
    broker.close();
    zk.close();
  }

  /** A valid write and read still succeed. */
  private void assertStillServing() {
    PutRecordsResponse put = broker.put("s", SHARD0, "key", "value");
    assertThat(put.getResults(0).getAccepted()).isEqualTo(1);
    assertThat(broker.get(broker.trimHorizon("s", SHARD0), 0).getRecordCount()).isPositive();
  }

  @Test
  void anIdempotentBatchAfterAGapIsRefusedWithOutOfOrderSequence() {
    broker.putIdempotent("s", SHARD0, 21, 1, "a", "b");

    ShardPutResult gap = broker.putIdempotent("s", SHARD0, 21, 4, "d").getResults(0);

    assertThat(gap.getAccepted()).isZero();
    assertThat(gap.getError().getCode()).isEqualTo(ErrorCode.OUT_OF_ORDER_SEQUENCE.shortName());
    assertThat(gap.getError().getMessage()).contains("producer 21", SHARD0, "sequence 4", "expected is 3");
    assertThat(broker.get(broker.trimHorizon("s", SHARD0), 0).getRecordCount()).isEqualTo(2);
    assertStillServing();
  }

  @Test
  void anIdempotentBatchWithoutAProducerSequenceFailsTheRequest() {
    assertFails(() -> broker.putIdempotent("s", SHARD0, 21, 0, "a"), Status.Code.INVALID_ARGUMENT,
        ErrorCode.INVALID_ARGUMENT, "sequences start at 1");
    assertStillServing();
  }

  @Test
  void unknownStreamsAndShardsAreNotFound() {
    assertFails(() -> broker.put("nope", SHARD0, "k", "v"), Status.Code.NOT_FOUND, ErrorCode.RESOURCE_NOT_FOUND,
        "stream 'nope' does not exist");
    assertFails(() -> broker.trimHorizon("nope", SHARD0), Status.Code.NOT_FOUND, ErrorCode.RESOURCE_NOT_FOUND,
        "stream 'nope' does not exist");
    assertFails(() -> broker.put("s", "shardId-000000000009", "k", "v"), Status.Code.NOT_FOUND,
        ErrorCode.RESOURCE_NOT_FOUND, "shard 'shardId-000000000009' does not exist in stream 's'");
    assertFails(() -> broker.trimHorizon("s", "shardId-000000000009"), Status.Code.NOT_FOUND,
        ErrorCode.RESOURCE_NOT_FOUND, "shard 'shardId-000000000009' does not exist");
    assertFails(() -> broker.trimHorizon("s", "shard-x"), Status.Code.INVALID_ARGUMENT,
        ErrorCode.INVALID_ARGUMENT, "shard id 'shard-x' is not of the form shardId-000000000000");
    assertFails(() -> broker.trimHorizon("bad name!", SHARD0), Status.Code.INVALID_ARGUMENT,
        ErrorCode.INVALID_ARGUMENT, "invalid stream name 'bad name!'");
    assertThat(broker.trimHorizon("s", "0")).isNotEmpty();
    assertStillServing();
  }

  @Test
  void requestsBreakingTheBatchLimitsFailWhole() {
    assertFails(() -> putAll(records(501, 1)), Status.Code.INVALID_ARGUMENT, ErrorCode.INVALID_ARGUMENT,
        "PutRecords got 501 records; send at most 500");
    assertFails(() -> putAll(List.of()), Status.Code.INVALID_ARGUMENT, ErrorCode.INVALID_ARGUMENT,
        "PutRecords got no records");
    assertFails(() -> putAll(records(6, 1024 * 1024 - 10)), Status.Code.INVALID_ARGUMENT,
        ErrorCode.INVALID_ARGUMENT, "send at most 5242880 (5 MiB) per request");
    assertFails(() -> putAll(records(1, 1024 * 1024)), Status.Code.INVALID_ARGUMENT, ErrorCode.INVALID_ARGUMENT,
        "record 0 of the batch for shard 'shardId-000000000000' holds 1048577 bytes of partition key and data; "
            + "the limit is 1048576 (1 MiB)");
    assertThat(broker.get(broker.trimHorizon("s", SHARD0), 0).getRecordCount()).isZero();
    assertStillServing();
  }

  @Test
  void badPartitionKeysAndHashKeysFailTheRequest() {
    assertFails(() -> broker.put("s", SHARD0, "ok", "v", "", "v"), Status.Code.INVALID_ARGUMENT,
        ErrorCode.INVALID_ARGUMENT, "record 1 of the batch for shard 'shardId-000000000000' has an empty partition key");
    assertFails(() -> broker.put("s", SHARD0, "k".repeat(257), "v"), Status.Code.INVALID_ARGUMENT,
        ErrorCode.INVALID_ARGUMENT, "has a partition key of 257 characters; use 1 to 256 characters");
    assertFails(() -> putAll(List.of(withHashKey("12a"))), Status.Code.INVALID_ARGUMENT,
        ErrorCode.INVALID_ARGUMENT, "explicit hash key '12a' is not a decimal integer");
    assertFails(() -> putAll(List.of(withHashKey("340282366920938463463374607431768211456"))),
        Status.Code.INVALID_ARGUMENT, ErrorCode.INVALID_ARGUMENT, "is out of range");
    assertStillServing();
  }

  @Test
  void writesToAStreamThatIsNotActiveAreRefused() throws Exception {
    zk.setStream(ZkFixture.stream("s", "uid-1", "CREATING"));
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      try {
        broker.put("s", SHARD0, "k", "v");
        return false;
      } catch (RuntimeException e) {
        return true;
      }
    });

    assertFails(() -> broker.put("s", SHARD0, "k", "v"), Status.Code.ALREADY_EXISTS, ErrorCode.RESOURCE_IN_USE,
        "stream 's' is CREATING and takes no writes");
    zk.setStream(ZkFixture.stream("s", "uid-1", StreamMetadata.ACTIVE));
    await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(this::assertStillServing);
  }

  @Test
  void shardsLedByAnotherBrokerAreRefusedWithNotShardOwner() throws Exception {
    zk.createStream("elsewhere", "uid-e", 1, 8);
    await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
        .until(() -> broker.stub().getShardStats(GetShardStatsRequest.newBuilder().setStream("elsewhere").build()) != null);

    ShardPutResult put = broker.put("elsewhere", SHARD0, "k", "v").getResults(0);

    assertThat(put.getAccepted()).isZero();
    assertThat(put.getError().getCode()).isEqualTo("NotShardOwner");
    assertThat(put.getError().getMessage()).contains("broker 7 does not lead shard 'shardId-000000000000'");
    assertFails(() -> broker.trimHorizon("elsewhere", SHARD0), Status.Code.FAILED_PRECONDITION,
        ErrorCode.NOT_SHARD_OWNER, "refresh the shard map and retry");
    assertFails(() -> broker.stub().getShardStats(
            GetShardStatsRequest.newBuilder().setStream("elsewhere").addShardIds(SHARD0).build()),
        Status.Code.FAILED_PRECONDITION, ErrorCode.NOT_SHARD_OWNER, "does not lead");
    assertFails(() -> subscribe("elsewhere", 0).hasNext(), Status.Code.FAILED_PRECONDITION,
        ErrorCode.NOT_SHARD_OWNER, "does not lead");
    assertStillServing();
  }

  @Test
  void badStartingPositionsAreRefused() {
    broker.put("s", SHARD0, "a", "1", "b", "2", "c", "3");

    assertFails(() -> broker.iterator("s", SHARD0, IteratorType.AT_SEQUENCE_NUMBER, 3, 0),
        Status.Code.INVALID_ARGUMENT, ErrorCode.INVALID_ARGUMENT,
        "sequence number 3 is outside shard shardId-000000000000's range [0, 2]");
    assertFails(() -> broker.iterator("s", SHARD0, IteratorType.AFTER_SEQUENCE_NUMBER, -1, 0),
        Status.Code.INVALID_ARGUMENT, ErrorCode.INVALID_ARGUMENT, "sequence number -1 is outside");
    assertFails(() -> broker.iterator("s", SHARD0, IteratorType.AT_TIMESTAMP, 0, -5),
        Status.Code.INVALID_ARGUMENT, ErrorCode.INVALID_ARGUMENT, "timestamp -5 is negative");
    assertFails(() -> subscribe("s", -1).hasNext(), Status.Code.INVALID_ARGUMENT, ErrorCode.INVALID_ARGUMENT,
        "max_event_bytes -1 is out of range");
    assertStillServing();
  }

  @Test
  void badIteratorsAndLimitsAreRefused() throws Exception {
    String iterator = broker.trimHorizon("s", SHARD0);

    assertFails(() -> broker.get(iterator, -1), Status.Code.INVALID_ARGUMENT, ErrorCode.INVALID_ARGUMENT,
        "limit -1 is out of range; use 1 to 10000");
    assertFails(() -> broker.get(iterator, 10_001), Status.Code.INVALID_ARGUMENT, ErrorCode.INVALID_ARGUMENT,
        "limit 10001 is out of range");
    assertFails(() -> broker.get("garbage", 1), Status.Code.INVALID_ARGUMENT, ErrorCode.INVALID_ARGUMENT,
        "malformed shard iterator");
    assertFails(() -> broker.get(iterator.substring(0, iterator.length() - 2) + "xy", 1),
        Status.Code.INVALID_ARGUMENT, ErrorCode.INVALID_ARGUMENT, "malformed shard iterator");
    clock.advance(Duration.ofMinutes(5).plusMillis(1));
    assertFails(() -> broker.get(iterator, 1), Status.Code.FAILED_PRECONDITION, ErrorCode.EXPIRED_ITERATOR,
        "get a new one with GetShardIterator");
    assertStillServing();
  }

  @Test
  void iteratorsOfADeletedAndRecreatedStreamAreNotFound() throws Exception {
    String old = broker.trimHorizon("s", SHARD0);
    zk.deleteStream("s");
    zk.createStream("s", "uid-2", 1, 7);
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
        .until(() -> broker.get(broker.trimHorizon("s", SHARD0), 1) != null && !broker.trimHorizon("s", SHARD0).equals(old));

    assertFails(() -> broker.get(old, 1), Status.Code.NOT_FOUND, ErrorCode.RESOURCE_NOT_FOUND,
        "stream 's' was deleted (and created again) since this shard iterator was issued");
    assertStillServing();
  }

  @Test
  void quotasThrottleWritesByPrefixAndReadsByCall() throws Exception {
    broker.close();
    broker = BrokerFixture.start(ZOOKEEPER.connectString(), cluster, 7, dir, clock,
        Map.of(BrokerConfig.QUOTA_ENABLED.name(), "true", BrokerConfig.QUOTA_WRITE_RECORDS.name(), "10",
            BrokerConfig.QUOTA_READ_TRANSACTIONS.name(), "2"));
    broker.awaitLeading("s", 1);

    ShardPutResult partial = putAll(records(15, 10)).getResults(0);
    assertThat(partial.getAccepted()).isEqualTo(10);
    assertThat(partial.getFirstSequenceNumber()).isZero();
    assertThat(partial.getError().getCode()).isEqualTo("ThroughputExceeded");
    assertThat(partial.getError().getMessage()).contains("is over its write quota: accepted 10 of 15 records");
    assertThat(putAll(records(1, 10)).getResults(0).getAccepted()).isZero();

    String iterator = broker.trimHorizon("s", SHARD0);
    broker.get(iterator, 1);
    broker.get(iterator, 1);
    assertFails(() -> broker.stub().getRecords(GetRecordsRequest.newBuilder().setShardIterator(iterator).build()),
        Status.Code.RESOURCE_EXHAUSTED, ErrorCode.THROUGHPUT_EXCEEDED,
        "shard shardId-000000000000 of stream 's' is over its read quota");
    assertThat(subscribe("s", 0).next().getRecordCount()).isEqualTo(10);

    clock.advance(Duration.ofSeconds(1));
    assertThat(putAll(records(10, 10)).getResults(0).getAccepted()).isEqualTo(10);
    assertThat(broker.get(iterator, 0).getRecordCount()).isEqualTo(20);
  }

  private PutRecordsResponse putAll(List<PutRecordsEntry> entries) {
    return broker.stub().putRecords(PutRecordsRequest.newBuilder().setStream("s")
        .addShards(ShardPut.newBuilder().setShardId(SHARD0).addAllRecords(entries)).build());
  }

  private static List<PutRecordsEntry> records(int n, int dataBytes) {
    PutRecordsEntry one = PutRecordsEntry.newBuilder().setPartitionKey("k").setData(ByteString.copyFrom(new byte[dataBytes])).build();
    return java.util.Collections.nCopies(n, one);
  }

  private static PutRecordsEntry withHashKey(String hashKey) {
    return entry("k", "v").toBuilder().setExplicitHashKey(hashKey).build();
  }

  private java.util.Iterator<io.tributary.proto.v1.SubscribeEvent> subscribe(String stream, int maxEventBytes) {
    return broker.stub().withDeadlineAfter(10, java.util.concurrent.TimeUnit.SECONDS).subscribe(
        SubscribeRequest.newBuilder().setStream(stream).setShardId(SHARD0)
            .setPosition(StartingPosition.newBuilder().setType(IteratorType.TRIM_HORIZON))
            .setMaxEventBytes(maxEventBytes).build());
  }


}

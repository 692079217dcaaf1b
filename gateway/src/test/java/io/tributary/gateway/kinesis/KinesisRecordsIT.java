package io.tributary.gateway.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.client.Position;
import io.tributary.client.Producer;
import io.tributary.client.ProducerOptions;
import io.tributary.client.ReceivedRecord;
import io.tributary.client.ShardReader;
import io.tributary.client.TributaryClient;
import io.tributary.gateway.GatewayServer;
import io.tributary.gateway.InProcessCluster;
import io.tributary.gateway.OperationTable;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ScalingType;
import software.amazon.awssdk.services.kinesis.model.UpdateShardCountResponse;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardFilterType;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamDescription;

/**
 * Kinesis record and shard operations through the official SDK (CBOR over HTTP/1.1) against a gateway
 * over a real ZooKeeper, coordinator and broker. The broker's clock can be moved ahead to expire
 * iterators.
 */
class KinesisRecordsIT {
  private static final Duration BOUND = Duration.ofSeconds(30);
  private static final String SHARD_0 = "shardId-000000000000";

  @TempDir static Path dir;

  private static final ShiftedClock brokerClock = new ShiftedClock();
  private static InProcessCluster cluster;
  private static TributaryClient client;
  private static GatewayServer gateway;
  private static KinesisClient kinesis;

  @BeforeAll
  static void start() throws Exception {
    cluster = InProcessCluster.start(dir, "records-it", brokerClock);
    client = cluster.client();
    StreamUids uids = new StreamUids(client, Clock.systemUTC());
    OperationTable.Builder table = OperationTable.builder();
    new KinesisStreamOps(client, Arns.defaults()).register(table);
    new KinesisRecordOps(client, Arns.defaults(), uids).register(table);
    new KinesisShardOps(client, Arns.defaults(), uids, new PageTokens(Clock.systemUTC())).register(table);
    new KinesisReshardOps(client, Arns.defaults()).register(table);
    gateway = cluster.serve(table.build());
    kinesis = cluster.sdk(KinesisClient.builder());
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close(); // with the SDK clients it made
    }
  }

  @Test
  void putRecordsAreReadBackInOrderFromEveryIteratorType() {
    kinesis.createStream(r -> r.streamName("rec-a").shardCount(1));
    Instant before = Instant.now().minusSeconds(60);
    PutRecordResponse first = kinesis.putRecord(r -> r.streamName("rec-a").partitionKey("k")
        .data(SdkBytes.fromUtf8String("r0")));
    assertThat(first.shardId()).isEqualTo("shardId-000000000000");
    assertThat(first.sequenceNumber()).hasSize(56);
    PutRecordsResponse batch = kinesis.putRecords(r -> r.streamName("rec-a").records(
        entry("r1"), entry("r2"), entry("r3")));
    assertThat(batch.failedRecordCount()).isZero();
    assertThat(batch.records()).hasSize(3).allSatisfy(e -> assertThat(e.shardId()).isEqualTo(first.shardId()));
    List<String> sequences = batch.records().stream().map(e -> e.sequenceNumber()).toList();
    assertThat(new BigInteger(sequences.get(0))).isGreaterThan(new BigInteger(first.sequenceNumber()));

    GetRecordsResponse all = read("rec-a", ShardIteratorType.TRIM_HORIZON, null, null);
    assertThat(all.records()).extracting(r -> r.data().asUtf8String()).containsExactly("r0", "r1", "r2", "r3");
    Record r1 = all.records().get(1);
    assertThat(r1.sequenceNumber()).isEqualTo(sequences.get(0));
    assertThat(r1.partitionKey()).isEqualTo("k1");
    assertThat(r1.approximateArrivalTimestamp()).isAfter(before).isBefore(Instant.now().plusSeconds(60));
    assertThat(all.nextShardIterator()).isNotEmpty();
    assertThat(all.millisBehindLatest()).isZero();
    assertThat(all.childShards()).isEmpty();

    assertThat(data(read("rec-a", ShardIteratorType.AT_SEQUENCE_NUMBER, sequences.get(1), null)))
        .containsExactly("r2", "r3");
    assertThat(data(read("rec-a", ShardIteratorType.AFTER_SEQUENCE_NUMBER, sequences.get(1), null)))
        .containsExactly("r3");
    assertThat(data(read("rec-a", ShardIteratorType.LATEST, null, null))).isEmpty();
    assertThat(data(read("rec-a", ShardIteratorType.AT_TIMESTAMP, null, Instant.now().plusSeconds(60)))).isEmpty();
    assertThat(data(read("rec-a", ShardIteratorType.AT_TIMESTAMP, null, before))).hasSize(4);
    GetRecordsResponse next = kinesis.getRecords(r -> r.shardIterator(all.nextShardIterator()));
    assertThat(next.records()).isEmpty();
  }

  @Test
  void recordsPutThroughTheSdkAreReadNativelyAndTheOtherWayRound() {
    kinesis.createStream(r -> r.streamName("rec-h").shardCount(1));
    List<PutRecordsRequestEntry> sent = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      sent.add(PutRecordsRequestEntry.builder().partitionKey("pk-" + i).data(SdkBytes.fromByteArray(binary(i))).build());
    }
    List<String> sdkSequences = kinesis.putRecords(r -> r.streamName("rec-h").records(sent)).records().stream()
        .map(PutRecordsResultEntry::sequenceNumber).toList();

    List<ReceivedRecord> nativeRead = new ArrayList<>();
    try (ShardReader reader = client.newShardReader("rec-h", SHARD_0, Position.trimHorizon())) {
      await().atMost(BOUND).until(() -> nativeRead.addAll(reader.poll(1000).records()) && nativeRead.size() >= 40);
    }
    assertThat(nativeRead).extracting(ReceivedRecord::partitionKey)
        .containsExactlyElementsOf(sent.stream().map(PutRecordsRequestEntry::partitionKey).toList());
    assertThat(nativeRead).extracting(ReceivedRecord::data)
        .containsExactlyElementsOf(sent.stream().map(e -> e.data().asByteArray()).toList());
    String uid = new StreamUids(client, Clock.systemUTC()).uid("rec-h");
    assertThat(nativeRead).extracting(r -> SequenceNumbers.encode(r.sequenceNumber(), 0, uid))
        .containsExactlyElementsOf(sdkSequences);

    try (Producer producer = client.newProducer("rec-h", ProducerOptions.defaults())) {
      for (int i = 0; i < 40; i++) {
        producer.send("native-" + i, binary(100 + i));
      }
      producer.flush();
    }
    String iterator = kinesis.getShardIterator(r -> r.streamName("rec-h").shardId(SHARD_0)
        .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
        .startingSequenceNumber(sdkSequences.get(sdkSequences.size() - 1))).shardIterator();
    List<Record> sdkRead = new ArrayList<>();
    AtomicReference<String> next = new AtomicReference<>(iterator);
    await().atMost(BOUND).until(() -> {
      GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(next.get()));
      next.set(page.nextShardIterator());
      sdkRead.addAll(page.records());
      return sdkRead.size() >= 40;
    });
    assertThat(sdkRead).hasSize(40);
    for (int i = 0; i < 40; i++) {
      assertThat(sdkRead.get(i).partitionKey()).isEqualTo("native-" + i);
      assertThat(sdkRead.get(i).data().asByteArray()).isEqualTo(binary(100 + i));
    }
    assertThat(sdkRead).extracting(r -> new BigInteger(r.sequenceNumber())).isSorted()
        .allSatisfy(n -> assertThat(n).isGreaterThan(new BigInteger(sdkSequences.get(39))));
  }

  /** Bytes that are not text (zero, 0xFF, every byte value across records) to catch blob mangling. */
  private static byte[] binary(int i) {
    byte[] bytes = new byte[3 + i % 7];
    for (int b = 0; b < bytes.length; b++) {
      bytes[b] = (byte) (i * 31 + b * 97);
    }
    bytes[0] = 0;
    bytes[bytes.length - 1] = (byte) 0xFF;
    return bytes;
  }

  @Test
  void sequenceNumbersOfAnotherShardAreRejected() {
    kinesis.createStream(r -> r.streamName("rec-b").shardCount(2));
    PutRecordResponse put = kinesis.putRecord(r -> r.streamName("rec-b").partitionKey("x")
        .data(SdkBytes.fromUtf8String("x")));
    String other = put.shardId().equals("shardId-000000000000") ? "shardId-000000000001" : "shardId-000000000000";
    assertThatThrownBy(() -> kinesis.getShardIterator(r -> r.streamName("rec-b").shardId(other)
            .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).startingSequenceNumber(put.sequenceNumber())))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("another shard");
  }

  @Test
  void iteratorsExpireAfterFiveMinutesOnTheBrokersClock() {
    kinesis.createStream(r -> r.streamName("rec-c").shardCount(1));
    String iterator = kinesis.getShardIterator(r -> r.streamName("rec-c").shardId("shardId-000000000000")
        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    brokerClock.shift(Duration.ofMinutes(5).plusSeconds(1));
    try {
      assertThatThrownBy(() -> kinesis.getRecords(r -> r.shardIterator(iterator)))
          .isInstanceOf(ExpiredIteratorException.class);
    } finally {
      brokerClock.shift(Duration.ZERO);
    }
  }

  @Test
  void shardsAreListedInPagesAndASplitParentEndsWithItsChildren() {
    kinesis.createStream(r -> r.streamName("rec-d").shardCount(2));
    ListShardsResponse first = kinesis.listShards(r -> r.streamName("rec-d").maxResults(1));
    assertThat(first.shards()).extracting(Shard::shardId).containsExactly("shardId-000000000000");
    ListShardsResponse second = kinesis.listShards(r -> r.nextToken(first.nextToken()));
    assertThat(second.shards()).extracting(Shard::shardId).containsExactly("shardId-000000000001");
    assertThat(second.nextToken()).isNull();
    StreamDescription described = kinesis.describeStream(r -> r.streamName("rec-d").limit(1)).streamDescription();
    assertThat(described.hasMoreShards()).isTrue();
    assertThat(described.streamARN()).isEqualTo(Arns.defaults().stream("rec-d"));
    Shard parent = described.shards().get(0);
    assertThat(parent.sequenceNumberRange().startingSequenceNumber()).hasSize(56);
    assertThat(parent.sequenceNumberRange().endingSequenceNumber()).isNull();

    kinesis.putRecord(r -> r.streamName("rec-d").partitionKey("p").explicitHashKey("0")
        .data(SdkBytes.fromUtf8String("before")));
    BigInteger start = new BigInteger(parent.hashKeyRange().startingHashKey());
    BigInteger end = new BigInteger(parent.hashKeyRange().endingHashKey());
    kinesis.splitShard(r -> r.streamName("rec-d").shardToSplit(parent.shardId())
        .newStartingHashKey(start.add(end).shiftRight(1).toString()));
    await().atMost(BOUND).until(() -> kinesis.listShards(r -> r.streamName("rec-d")
        .shardFilter(f -> f.type(ShardFilterType.AT_LATEST))).shards().size() == 3);

    List<Shard> all = kinesis.listShards(r -> r.streamName("rec-d")).shards();
    assertThat(all).hasSize(4);
    assertThat(all.get(0).sequenceNumberRange().endingSequenceNumber()).hasSize(56);
    assertThat(all).filteredOn(s -> parent.shardId().equals(s.parentShardId())).hasSize(2);
    assertThat(kinesis.listShards(r -> r.streamName("rec-d").shardFilter(f -> f.type(ShardFilterType.AFTER_SHARD_ID)
        .shardId(parent.shardId()))).shards()).hasSize(3);

    String iterator = kinesis.getShardIterator(r -> r.streamName("rec-d").shardId(parent.shardId())
        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    List<String> read = new ArrayList<>();
    GetRecordsResponse page = null;
    for (int i = 0; i < 20 && iterator != null; i++) {
      String it = iterator;
      page = kinesis.getRecords(r -> r.shardIterator(it));
      read.addAll(data(page));
      iterator = page.nextShardIterator();
    }
    assertThat(iterator).isNull();
    assertThat(read).containsExactly("before");
    assertThat(page.childShards()).hasSize(2)
        .allSatisfy(c -> assertThat(c.parentShards()).containsExactly(parent.shardId()));
  }

  @Test
  void deletedStreamsAreGone() {
    kinesis.createStream(r -> r.streamName("rec-e").shardCount(1));
    kinesis.deleteStream(r -> r.streamName("rec-e"));
    await().atMost(BOUND).untilAsserted(() -> assertThatThrownBy(() -> kinesis.describeStream(r -> r.streamName("rec-e")))
        .isInstanceOf(ResourceNotFoundException.class));
  }

  @Test
  void throttledWritesGetProvisionedThroughputExceeded() {
    kinesis.createStream(r -> r.streamName("rec-f").shardCount(1));
    PutRecordsRequestEntry[] batch = new PutRecordsRequestEntry[500];
    Arrays.fill(batch, entry("t0"));
    brokerClock.stop();
    try (KinesisClient once = cluster.sdk(KinesisClient.builder()
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())))) {
      List<PutRecordsResultEntry> failures = new ArrayList<>();
      int reported = 0;
      for (int i = 0; i < 3; i++) {
        PutRecordsResponse response = once.putRecords(r -> r.streamName("rec-f").records(batch));
        reported += response.failedRecordCount();
        response.records().stream().filter(e -> e.errorCode() != null).forEach(failures::add);
      }
      assertThat(failures).isNotEmpty().hasSize(reported).allSatisfy(e -> {
        assertThat(e.errorCode()).isEqualTo("ProvisionedThroughputExceededException");
        assertThat(e.errorMessage()).contains("Rate exceeded for shard shardId-000000000000");
        assertThat(e.sequenceNumber()).isNull();
      });
      assertThatThrownBy(() -> once.putRecord(r -> r.streamName("rec-f").partitionKey("k")
          .data(SdkBytes.fromUtf8String("x")))).isInstanceOf(ProvisionedThroughputExceededException.class);
    } finally {
      brokerClock.restart();
    }
  }

  @Test
  void retentionAndShardCountChange() {
    kinesis.createStream(r -> r.streamName("rec-g").shardCount(1));
    kinesis.increaseStreamRetentionPeriod(r -> r.streamName("rec-g").retentionPeriodHours(48));
    assertThat(kinesis.describeStreamSummary(r -> r.streamName("rec-g")).streamDescriptionSummary()
        .retentionPeriodHours()).isEqualTo(48);
    assertThatThrownBy(() -> kinesis.decreaseStreamRetentionPeriod(r -> r.streamName("rec-g").retentionPeriodHours(72)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("above the current 48");
    kinesis.decreaseStreamRetentionPeriod(r -> r.streamName("rec-g").retentionPeriodHours(24));

    UpdateShardCountResponse update = kinesis.updateShardCount(r -> r.streamName("rec-g").targetShardCount(2)
        .scalingType(ScalingType.UNIFORM_SCALING));
    assertThat(update.currentShardCount()).isEqualTo(1);
    assertThat(update.targetShardCount()).isEqualTo(2);
    await().atMost(BOUND).until(() -> open("rec-g").size() == 2);
    List<Shard> open = open("rec-g");
    kinesis.mergeShards(r -> r.streamName("rec-g").shardToMerge(open.get(0).shardId())
        .adjacentShardToMerge(open.get(1).shardId()));
    await().atMost(BOUND).until(() -> open("rec-g").size() == 1);
    Shard merged = open("rec-g").get(0);
    assertThat(List.of(merged.parentShardId(), merged.adjacentParentShardId()))
        .containsExactlyInAnyOrder(open.get(0).shardId(), open.get(1).shardId());
  }

  private static List<Shard> open(String stream) {
    return kinesis.listShards(r -> r.streamName(stream).shardFilter(f -> f.type(ShardFilterType.AT_LATEST))).shards();
  }

  private static GetRecordsResponse read(String stream, ShardIteratorType type, String sequence, Instant at) {
    String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId("shardId-000000000000")
        .shardIteratorType(type).startingSequenceNumber(sequence).timestamp(at)).shardIterator();
    return kinesis.getRecords(r -> r.shardIterator(iterator).limit(100));
  }

  private static List<String> data(GetRecordsResponse response) {
    return response.records().stream().map(r -> r.data().asUtf8String()).toList();
  }

  private static PutRecordsRequestEntry entry(String data) {
    return PutRecordsRequestEntry.builder().partitionKey("k" + data.substring(1))
        .data(SdkBytes.fromByteArray(data.getBytes(StandardCharsets.UTF_8))).build();
  }

  /** The system clock moved ahead by a settable amount, or stopped. Thread-safe. */
  static final class ShiftedClock extends Clock {
    private volatile Duration shift = Duration.ZERO;
    private volatile Instant stoppedAt;

    void shift(Duration by) {
      shift = by;
    }

    void stop() {
      stoppedAt = instant();
    }

    void restart() {
      stoppedAt = null;
    }

    @Override
    public Instant instant() {
      Instant stopped = stoppedAt;
      return stopped != null ? stopped : Instant.now().plus(shift);
    }

    @Override
    public long millis() {
      return instant().toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}

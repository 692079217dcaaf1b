package io.tributary.client;

import static io.tributary.client.fake.Records.append;
import static io.tributary.client.fake.Records.data;
import static io.tributary.client.fake.Records.expected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.client.fake.FakeBroker;
import io.tributary.client.fake.FakeCluster;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.ShardIds;
import io.tributary.proto.v1.IteratorType;
import io.tributary.proto.v1.StartingPosition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ShardReaderTest {
  private static final String SHARD = ShardIds.of(0);

  private final FakeCluster cluster = FakeCluster.start(2);
  private final TributaryClient client = cluster.client();

  @AfterEach
  void close() throws Exception {
    client.close();
    cluster.close();
  }

  @Test
  void readsAClosedShardInOrderToItsEnd() {
    cluster.createStream("s", 1);
    append(cluster.logs, SHARD, "r", 0, 25);
    cluster.logs.log(SHARD).close();
    List<ReceivedRecord> read = new ArrayList<>();
    try (ShardReader reader = client.newShardReader("s", SHARD, Position.trimHorizon())) {
      while (!reader.finished()) {
        GetRecordsResult r = reader.poll(10);
        assertThat(r.records()).hasSizeLessThanOrEqualTo(10);
        read.addAll(r.records());
        assertThat(r.nextShardIterator() == null).isEqualTo(reader.finished());
      }
    }
    assertThat(data(read)).containsExactlyElementsOf(expected("r", 0, 25));
    assertThat(read).extracting(ReceivedRecord::sequenceNumber).isSorted().doesNotHaveDuplicates();
    assertThat(read).allMatch(r -> r.shardId().equals(SHARD) && r.partitionKey().startsWith("k"));
  }

  @Test
  void aReaderFollowsTheNewLeaderWhenTheOldOneAnswersStaleEpoch() {
    cluster.createStream("s", 1);
    FakeBroker deposed = cluster.leaderOf("s", SHARD);
    FakeBroker successor = cluster.brokers.get(0) == deposed ? cluster.brokers.get(1) : cluster.brokers.get(0);
    append(cluster.logs, SHARD, "r", 0, 20);
    try (ShardReader reader = client.newShardReader("s", SHARD, Position.trimHorizon())) {
      assertThat(data(reader.poll(10).records())).containsExactlyElementsOf(expected("r", 0, 10));
      for (int i = 0; i < 1000; i++) {
        deposed.failNextRead.add(new TributaryException(ErrorCode.STALE_EPOCH, "leader epoch 3 is older than 4"));
      }
      successor.own(SHARD);
      cluster.catalog.moveLeader("s", SHARD, successor.address());

      assertThat(data(reader.poll(10).records())).containsExactlyElementsOf(expected("r", 10, 20));
    }
    assertThat(successor.iteratorPositions).first().isEqualTo(
        StartingPosition.newBuilder().setType(IteratorType.AFTER_SEQUENCE_NUMBER).setSequenceNumber(9).build());
  }

  @Test
  void anExpiredIteratorIsRenewedAfterTheLastDeliveredRecord() {
    cluster.createStream("s", 1);
    FakeBroker broker = cluster.leaderOf("s", SHARD);
    append(cluster.logs, SHARD, "r", 0, 20);
    try (ShardReader reader = client.newShardReader("s", SHARD, Position.trimHorizon())) {
      assertThat(data(reader.poll(10).records())).containsExactlyElementsOf(expected("r", 0, 10));
      broker.expireNextGetRecords.set(1);

      assertThat(data(reader.poll(10).records())).containsExactlyElementsOf(expected("r", 10, 20));
    }
    assertThat(broker.iteratorPositions).containsExactly(
        StartingPosition.newBuilder().setType(IteratorType.TRIM_HORIZON).build(),
        StartingPosition.newBuilder().setType(IteratorType.AFTER_SEQUENCE_NUMBER).setSequenceNumber(9).build());
  }

  @Test
  void anIteratorExpiredBeforeAnyRecordIsRenewedAtTheOriginalPosition() {
    cluster.createStream("s", 1);
    FakeBroker broker = cluster.leaderOf("s", SHARD);
    append(cluster.logs, SHARD, "r", 0, 5);
    broker.expireNextGetRecords.set(1);
    try (ShardReader reader = client.newShardReader("s", SHARD, Position.atSequence(2))) {
      assertThat(data(reader.poll(10).records())).containsExactly("r2", "r3", "r4");
    }
    assertThat(broker.iteratorPositions).extracting(StartingPosition::getType)
        .containsExactly(IteratorType.AT_SEQUENCE_NUMBER, IteratorType.AT_SEQUENCE_NUMBER);
  }

  @Test
  void aMovedShardIsReadFromItsNewLeaderAfterTheLastDeliveredRecord() {
    cluster.createStream("s", 2);
    FakeBroker oldLeader = cluster.leaderOf("s", SHARD);
    FakeBroker newLeader = cluster.brokers.stream().filter(b -> b != oldLeader).findFirst().orElseThrow();
    append(cluster.logs, SHARD, "r", 0, 8);
    try (ShardReader reader = client.newShardReader("s", SHARD, Position.trimHorizon())) {
      assertThat(data(reader.poll(5).records())).containsExactlyElementsOf(expected("r", 0, 5));
      oldLeader.owned.remove(SHARD);
      newLeader.own(SHARD);
      cluster.catalog.moveLeader("s", SHARD, newLeader.address());

      assertThat(data(reader.poll(5).records())).containsExactlyElementsOf(expected("r", 5, 8));
    }
    assertThat(newLeader.iteratorPositions).containsExactly(
        StartingPosition.newBuilder().setType(IteratorType.AFTER_SEQUENCE_NUMBER).setSequenceNumber(4).build());
  }

  @Test
  void aBrokerThatDoesNotServeTheShardYetIsRetried() {
    cluster.createStream("s", 1);
    FakeBroker broker = cluster.leaderOf("s", SHARD);
    append(cluster.logs, SHARD, "r", 0, 3);
    broker.failNextRead.add(Errors.streamNotFound("s"));
    broker.failNextRead.add(Errors.shardNotFound("s", SHARD));
    try (ShardReader reader = client.newShardReader("s", SHARD, Position.trimHorizon())) {
      assertThat(data(reader.poll(10).records())).containsExactly("r0", "r1", "r2");
    }
  }

  @Test
  void aShardTheCoordinatorDoesNotKnowIsNotFound() {
    cluster.createStream("s", 1);
    assertThatThrownBy(() -> client.newShardReader("s", ShardIds.of(5), Position.latest()))
        .isInstanceOfSatisfying(TributaryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND));
  }

  @Test
  void theLowLevelCallsWorkLikeKinesis() {
    cluster.createStream("s", 1);
    append(cluster.logs, SHARD, "r", 0, 3);
    String iterator = client.getShardIterator("s", "0", Position.afterSequence(0));

    GetRecordsResult r = client.getRecords("s", SHARD, iterator, 100);

    assertThat(data(r.records())).containsExactly("r1", "r2");
    assertThat(r.nextShardIterator()).isNotNull();
    assertThat(client.getRecords("s", SHARD, r.nextShardIterator(), 100).records()).isEmpty();
  }
}

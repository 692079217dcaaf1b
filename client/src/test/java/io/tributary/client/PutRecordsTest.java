package io.tributary.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.client.fake.FakeBroker;
import io.tributary.client.fake.FakeCluster;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.HashKey;
import io.tributary.common.stream.HashKeyRange;
import io.tributary.common.stream.ShardIds;
import io.tributary.proto.v1.Acks;
import io.tributary.proto.v1.Record;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PutRecordsTest {
  private final FakeCluster cluster = FakeCluster.start(2);
  private final TributaryClient client = cluster.client();
  private final List<HashKeyRange> ranges = HashKeyRange.uniform(4);

  @AfterEach
  void close() throws Exception {
    client.close();
    cluster.close();
  }

  @Test
  void resultsComeBackInInputOrderFromTheShardsTheKeysRouteTo() {
    cluster.createStream("s", 4);
    List<PutRecord> records = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      records.add(PutRecord.of("key-" + i, ("r" + i).getBytes(StandardCharsets.UTF_8)));
    }

    List<PutResult> results = client.putRecords("s", records, Acks.ACKS_ALL);

    assertThat(results).hasSize(300).allMatch(PutResult::succeeded);
    for (int i = 0; i < 300; i++) {
      PutResult r = results.get(i);
      assertThat(ranges.get(ShardIds.index(r.shardId())).contains(HashKey.ofPartitionKey("key-" + i))).isTrue();
      Record stored = cluster.logs.records(r.shardId()).get((int) r.sequenceNumber());
      assertThat(stored.getData().toStringUtf8()).isEqualTo("r" + i);
    }
    assertThat(cluster.brokers).allMatch(b -> b.putRequests.get() == 1);
  }

  @Test
  void aThrottledBrokerFailsOnlyItsOwnRecords() {
    cluster.createStream("s", 4);
    FakeBroker throttled = cluster.leaderOf("s", ShardIds.of(0));
    throttled.throttleEvery = 1;

    List<PutResult> results = client.putRecords("s", List.of(toShard(0), toShard(1), toShard(2), toShard(3)), Acks.ACKS_ALL);

    assertThat(results.get(0).error()).isEqualTo(ErrorCode.THROUGHPUT_EXCEEDED);
    assertThat(results.get(0).shardId()).isEqualTo(ShardIds.of(0));
    assertThat(results.get(2).error()).as("shard 2 has the same leader").isEqualTo(ErrorCode.THROUGHPUT_EXCEEDED);
    assertThat(results.get(1).succeeded()).isTrue();
    assertThat(results.get(3).succeeded()).isTrue();
  }

  @Test
  void requestLevelErrorsAreThrown() {
    cluster.createStream("s", 1);
    assertThatThrownBy(() -> client.putRecords("missing", List.of(toShard(0)), Acks.ACKS_ALL))
        .isInstanceOfSatisfying(TributaryException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND));
    cluster.brokers.get(0).failNext.add(new TributaryException(ErrorCode.INVALID_ARGUMENT, "bad record 0"));
    assertThatThrownBy(() -> client.putRecords("s", List.of(toShard(0)), Acks.ACKS_ALL))
        .isInstanceOfSatisfying(TributaryException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
          assertThat(e).hasMessageContaining("bad record 0");
        });
  }

  @Test
  void putRecordRetriesThrottlingAndFollowsAMovedShard() {
    cluster.createStream("s", 2);
    FakeBroker first = cluster.leaderOf("s", ShardIds.of(1));
    FakeBroker other = cluster.leaderOf("s", ShardIds.of(0));
    assertThat(client.putRecord("s", toShard(1, 2), Acks.ACKS_ALL).sequenceNumber()).isZero();

    first.failNext.add(new TributaryException(ErrorCode.THROUGHPUT_EXCEEDED, "slow down"));
    first.failNext.add(new TributaryException(ErrorCode.THROUGHPUT_EXCEEDED, "slow down"));
    assertThat(client.putRecord("s", toShard(1, 2), Acks.ACKS_ALL).sequenceNumber()).isEqualTo(1);

    first.owned.remove(ShardIds.of(1));
    other.own(ShardIds.of(1));
    cluster.catalog.moveLeader("s", ShardIds.of(1), other.address());
    PutResult moved = client.putRecord("s", toShard(1, 2), Acks.ACKS_ALL);

    assertThat(moved.sequenceNumber()).isEqualTo(2);
    assertThat(other.received).anyMatch(r -> r.getShards(0).getShardId().equals(ShardIds.of(1)));
  }

  @Test
  void aBrokerThatDoesNotKnowAStreamYetIsRetried() {
    cluster.createStream("s", 1);
    FakeBroker broker = cluster.brokers.get(0);
    broker.failNext.add(Errors.streamNotFound("s"));

    assertThat(client.putRecords("s", List.of(toShard(0)), Acks.ACKS_ALL).get(0).error())
        .isEqualTo(ErrorCode.UNAVAILABLE);

    broker.failNext.add(Errors.streamNotFound("s"));
    assertThat(client.putRecord("s", toShard(0), Acks.ACKS_ALL).succeeded()).isTrue();
  }

  @Test
  void putRecordGivesUpOnNonRetryableErrorsAtOnce() {
    cluster.createStream("s", 1);
    cluster.brokers.get(0).failNext.add(new TributaryException(ErrorCode.INVALID_ARGUMENT, "no"));
    assertThatThrownBy(() -> client.putRecord("s", toShard(0), Acks.ACKS_ALL))
        .isInstanceOfSatisfying(TributaryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    assertThat(cluster.brokers.get(0).putRequests).hasValue(1);
  }

  private PutRecord toShard(int shard) {
    return toShard(shard, 4);
  }

  private static PutRecord toShard(int shard, int shards) {
    String start = HashKeyRange.uniform(shards).get(shard).start().toString();
    return new PutRecord("k", "x".getBytes(StandardCharsets.UTF_8), start);
  }
}

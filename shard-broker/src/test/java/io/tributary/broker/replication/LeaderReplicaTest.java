package io.tributary.broker.replication;

import static io.tributary.broker.replication.ReplicaFixtures.SETTINGS;
import static io.tributary.broker.replication.ReplicaFixtures.STREAM;
import static io.tributary.broker.replication.ReplicaFixtures.UID;
import static io.tributary.broker.replication.ReplicaFixtures.append;
import static io.tributary.broker.replication.ReplicaFixtures.shard;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.broker.InMemoryShardLog;
import io.tributary.broker.TestRecords;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.proto.v1.ShardFetch;
import io.tributary.proto.v1.ShardFetched;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LeaderReplicaTest {
  private final InMemoryShardLog log = ReplicaFixtures.log("leader");
  private final List<List<Integer>> proposals = new ArrayList<>();
  private long now = 1_000_000_000L;

  private LeaderReplica leader(ShardMetadata metadata, long initialHighWatermark) {
    return new LeaderReplica(STREAM, 1, metadata, log, initialHighWatermark, SETTINGS, () -> now,
        (base, inSync) -> proposals.add(inSync));
  }

  private static ShardFetch fetch(long epoch, long from, long lastEpoch) {
    return ShardFetch.newBuilder().setStream(STREAM).setStreamUid(UID).setShardId(ReplicaFixtures.SHARD)
        .setLeaderEpoch(epoch).setFetchFrom(from).setLastEpoch(lastEpoch).build();
  }

  @Test
  void refusesAnotherEpochAndBrokersWithoutAReplica() {
    LeaderReplica leader = leader(shard(1, 3, List.of(1, 2), List.of(1, 2)), 0);

    ShardFetched stale = leader.fetch(2, fetch(2, 0, -1), 1000);
    ShardFetched stranger = leader.fetch(7, fetch(3, 0, -1), 1000);

    assertThat(stale.getError().getCode()).isEqualTo(ErrorCode.STALE_EPOCH.shortName());
    assertThat(stale.getError().getMessage()).contains("epoch 3, not 2");
    assertThat(stranger.getError().getCode()).isEqualTo(ErrorCode.NOT_SHARD_OWNER.shortName());
  }

  @Test
  void aLoneLeaderCommitsOnAppend() throws Exception {
    LeaderReplica leader = leader(shard(1, 1, List.of(1), List.of(1)), 0);
    append(log, 3, 1);
    CompletableFuture<Void> write = leader.awaitCommitted(3);
    assertThat(write).isNotDone();

    leader.appended();

    assertThat(leader.highWatermark()).isEqualTo(3);
    assertThat(write).isCompleted();
  }

  @Test
  void highWatermarkIsTheLowestInSyncLogEndAndCompletesWritesAndListeners() {
    LeaderReplica leader = leader(shard(1, 1, List.of(1, 2, 3), List.of(1, 2, 3)), 0);
    AtomicInteger advanced = new AtomicInteger();
    leader.onHighWatermark(advanced::incrementAndGet);
    append(log, 5, 1);
    leader.appended();
    CompletableFuture<Void> write = leader.awaitCommitted(5);

    ShardFetched first = leader.fetch(2, fetch(1, 0, -1), 1 << 20);
    leader.fetch(2, fetch(1, 5, 1), 1 << 20);
    assertThat(first.getRecordCount()).isEqualTo(5);
    assertThat(leader.highWatermark()).isZero();

    leader.fetch(3, fetch(1, 4, 1), 1 << 20);
    assertThat(leader.highWatermark()).isEqualTo(4);
    assertThat(write).isNotDone();

    ShardFetched last = leader.fetch(3, fetch(1, 5, 1), 1 << 20);
    assertThat(leader.highWatermark()).isEqualTo(5);
    assertThat(last.getHighWatermark()).isEqualTo(5);
    assertThat(write).isCompleted();
    assertThat(advanced).hasValue(2);
    assertThat(leader.followerLogEnds()).containsEntry(2, 5L).containsEntry(3, 5L);
  }

  @Test
  void answersRecordsPastTheHighWatermarkSoFollowersCopyUncommittedRecords() {
    LeaderReplica leader = leader(shard(1, 1, List.of(1, 2), List.of(1, 2)), 0);
    append(log, 4, 1);

    ShardFetched answer = leader.fetch(2, fetch(1, 1, 1), 1 << 20);

    assertThat(TestRecords.decode(answer.getRecords())).extracting(r -> r.getSequenceNumber())
        .containsExactly(1L, 2L, 3L);
    assertThat(answer.getHighWatermark()).isEqualTo(1);
    assertThat(answer.getLogEnd()).isEqualTo(4);
  }

  @Test
  void answersWhereAFollowerDiverges() {
    append(log, 5, 1);
    append(log, 3, 4);
    LeaderReplica leader = leader(shard(1, 4, List.of(1, 2), List.of(1, 2)), 0);

    ShardFetched unknownEpoch = leader.fetch(2, fetch(4, 7, 2), 1000);
    ShardFetched longerEpoch = leader.fetch(2, fetch(4, 9, 4), 1000);
    ShardFetched agrees = leader.fetch(2, fetch(4, 5, 1), 1000);

    assertThat(unknownEpoch.getDiverging()).isTrue();
    assertThat(unknownEpoch.getDivergingEpoch()).isEqualTo(1);
    assertThat(unknownEpoch.getDivergingEnd()).isEqualTo(5);
    assertThat(longerEpoch.getDiverging()).isTrue();
    assertThat(longerEpoch.getDivergingEpoch()).isEqualTo(4);
    assertThat(longerEpoch.getDivergingEnd()).isEqualTo(8);
    assertThat(agrees.getDiverging()).isFalse();
    assertThat(agrees.getRecordCount()).isEqualTo(3);
  }

  @Test
  void answersOutOfRangeBelowTheLogStart() {
    log.resetTo(10);
    append(log, 2, 1);
    LeaderReplica leader = leader(shard(1, 1, List.of(1, 2), List.of(1, 2)), 0);

    ShardFetched answer = leader.fetch(2, fetch(1, 3, -1), 1000);

    assertThat(answer.getOutOfRange()).isTrue();
    assertThat(answer.getLogStart()).isEqualTo(10);
    assertThat(leader.highWatermark()).isEqualTo(10);
  }

  @Test
  void startsAtTheKnownHighWatermarkCappedAtTheLogEnd() {
    append(log, 4, 1);
    assertThat(leader(shard(1, 2, List.of(1, 2), List.of(1, 2)), 3).highWatermark()).isEqualTo(3);
    assertThat(leader(shard(1, 2, List.of(1, 2), List.of(1, 2)), 9).highWatermark()).isEqualTo(4);
  }

  @Test
  void proposesACaughtUpFollowerAndCountsItBeforeItJoins() {
    LeaderReplica leader = leader(shard(1, 1, List.of(1, 2), List.of(1)), 0);
    append(log, 4, 1);
    leader.appended();
    leader.fetch(2, fetch(1, 0, -1), 2);
    assertThat(proposals).isEmpty();

    leader.fetch(2, fetch(1, 2, 1), 1 << 20);
    assertThat(proposals).isEmpty();
    leader.fetch(2, fetch(1, 4, 1), 1 << 20);
    assertThat(proposals).containsExactly(List.of(1, 2));

    append(log, 2, 1);
    leader.appended();
    assertThat(leader.highWatermark()).as("the follower being added holds back the high watermark").isEqualTo(4);
    leader.update(leader.metadata().withInSyncReplicas(List.of(1, 2)));
    leader.fetch(2, fetch(1, 6, 1), 1 << 20);
    assertThat(leader.highWatermark()).isEqualTo(6);
    assertThat(proposals).hasSize(1);
  }

  @Test
  void removesAFollowerThatLagsTooLong() {
    LeaderReplica leader = leader(shard(1, 1, List.of(1, 2, 3), List.of(1, 2, 3)), 0);
    append(log, 2, 1);
    now += Duration.ofSeconds(6).toNanos();
    leader.fetch(2, fetch(1, 2, 1), 1000);
    leader.tick();
    assertThat(proposals).isEmpty();

    now += Duration.ofSeconds(6).toNanos();
    leader.fetch(2, fetch(1, 2, 1), 1000);
    leader.tick();
    assertThat(proposals).containsExactly(List.of(1, 2));
    leader.tick();
    assertThat(proposals).as("proposed once until it is answered").hasSize(1);

    leader.update(leader.metadata().withInSyncReplicas(List.of(1, 2)));
    assertThat(leader.highWatermark()).isEqualTo(2);
  }

  @Test
  void proposesAgainWhenNoAnswerArrives() {
    LeaderReplica leader = leader(shard(1, 1, List.of(1, 2), List.of(1, 2)), 0);
    now += Duration.ofSeconds(11).toNanos();
    leader.tick();
    now += Duration.ofSeconds(6).toNanos();
    leader.tick();

    assertThat(proposals).containsExactly(List.of(1), List.of(1));
  }

  @Test
  void timesOutWritesNotCommittedInTime() {
    LeaderReplica leader = leader(shard(1, 1, List.of(1, 2), List.of(1, 2)), 0);
    append(log, 1, 1);
    CompletableFuture<Void> write = leader.awaitCommitted(1);
    now += Duration.ofSeconds(14).toNanos();
    leader.tick();
    assertThat(write).isNotDone();

    now += Duration.ofSeconds(2).toNanos();
    leader.tick();

    assertThat(failure(write).code()).isEqualTo(ErrorCode.REPLICATION_TIMEOUT);
    assertThat(failure(write).getMessage()).contains("15000 ms");
  }

  @Test
  void closingFailsWaitingAndLaterWrites() {
    LeaderReplica leader = leader(shard(1, 1, List.of(1, 2), List.of(1, 2)), 0);
    append(log, 1, 1);
    CompletableFuture<Void> write = leader.awaitCommitted(1);
    TributaryException reason = new TributaryException(ErrorCode.NOT_SHARD_OWNER, "no longer leading");

    leader.close(reason);

    assertThat(failure(write)).isSameAs(reason);
    assertThat(failure(leader.awaitCommitted(1))).isSameAs(reason);
  }

  @Test
  void refusesAcksAllWritesWithTooFewInSync() {
    LeaderReplica leader = leader(shard(1, 1, List.of(1, 2, 3), List.of(1)), 0);

    assertThatThrownBy(leader::checkEnoughInSync)
        .isInstanceOfSatisfying(TributaryException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_ENOUGH_REPLICAS))
        .hasMessage("stream 'clicks' shard shardId-000000000000 has 1 in-sync replica of 3, fewer than the minimum 2"
            + " for acks=all; wait for brokers to return or write with acks=leader");
    leader.update(leader.metadata().withInSyncReplicas(List.of(1, 3)));
    leader.checkEnoughInSync();
  }

  private static TributaryException failure(CompletableFuture<Void> future) {
    try {
      future.get();
      throw new AssertionError("expected a failure");
    } catch (ExecutionException e) {
      return (TributaryException) e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}

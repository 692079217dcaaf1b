package io.tributary.broker.replication;

import static io.tributary.broker.replication.ReplicaFixtures.SETTINGS;
import static io.tributary.broker.replication.ReplicaFixtures.STREAM;
import static io.tributary.broker.replication.ReplicaFixtures.UID;
import static io.tributary.broker.replication.ReplicaFixtures.append;
import static io.tributary.broker.replication.ReplicaFixtures.shard;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.InMemoryShardLog;
import io.tributary.broker.replication.FollowerReplica.Outcome;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.proto.v1.ErrorDetail;
import io.tributary.proto.v1.ShardFetch;
import io.tributary.proto.v1.ShardFetched;
import java.util.List;
import org.junit.jupiter.api.Test;

class FollowerReplicaTest {
  private final InMemoryShardLog leaderLog = ReplicaFixtures.log("leader");
  private final InMemoryShardLog followerLog = ReplicaFixtures.log("follower");
  private final ShardMetadata metadata = shard(1, 4, List.of(1, 2), List.of(1, 2));

  private LeaderReplica leader() {
    return new LeaderReplica(STREAM, 1, metadata, leaderLog, 0, SETTINGS, () -> 0L, (base, inSync) -> {});
  }

  private FollowerReplica follower() {
    return new FollowerReplica(STREAM, 2, metadata, UID, followerLog);
  }

  @Test
  void asksFromItsLogEndWithItsNewestEpoch() {
    append(followerLog, 3, 2);

    ShardFetch fetch = follower().nextFetch();

    assertThat(fetch).isEqualTo(ShardFetch.newBuilder().setStream(STREAM).setStreamUid(UID)
        .setShardId(ReplicaFixtures.SHARD).setLeaderEpoch(4).setFetchFrom(3).setLastEpoch(2).build());
  }

  @Test
  void copiesTheLeadersBytesAndRemembersItsHighWatermark() {
    append(leaderLog, 5, 1);
    append(leaderLog, 2, 4);
    LeaderReplica leader = leader();
    FollowerReplica follower = follower();

    assertThat(follower.apply(leader.fetch(2, follower.nextFetch(), 1 << 20))).isEqualTo(Outcome.PROGRESSED);
    assertThat(follower.apply(leader.fetch(2, follower.nextFetch(), 1 << 20))).isEqualTo(Outcome.CAUGHT_UP);

    assertThat(followerLog.read(0, 100, 1 << 20)).isEqualTo(leaderLog.read(0, 100, 1 << 20));
    assertThat(followerLog.epochEnd(1).endSequenceNumber()).isEqualTo(5);
    assertThat(leader.highWatermark()).isEqualTo(7);
    assertThat(follower.highWatermark()).isEqualTo(7);
  }

  @Test
  void capsTheHighWatermarkAtItsOwnLogEnd() {
    append(leaderLog, 2, 4);
    FollowerReplica follower = follower();

    follower.apply(ShardFetched.newBuilder().setHighWatermark(9).setRecords(leaderLog.read(0, 1, 1 << 20).records())
        .setRecordCount(1).build());

    assertThat(follower.highWatermark()).isEqualTo(1);
  }

  @Test
  void truncatesADivergingTailUntilTheLogsAgree() {
    append(leaderLog, 3, 1);
    append(leaderLog, 2, 4);
    append(followerLog, 3, 1);
    append(followerLog, 4, 2);
    LeaderReplica leader = leader();
    FollowerReplica follower = follower();

    ShardFetched answer = leader.fetch(2, follower.nextFetch(), 1 << 20);
    assertThat(follower.apply(answer)).isEqualTo(Outcome.PROGRESSED);
    assertThat(followerLog.nextSequenceNumber()).isEqualTo(3);
    follower.apply(leader.fetch(2, follower.nextFetch(), 1 << 20));

    assertThat(followerLog.read(0, 100, 1 << 20)).isEqualTo(leaderLog.read(0, 100, 1 << 20));
  }

  @Test
  void truncatesToItsOwnEndOfTheEpochWhenThatIsShorter() {
    append(followerLog, 2, 1);
    append(followerLog, 3, 3);

    follower().apply(ShardFetched.newBuilder().setDiverging(true).setDivergingEpoch(1).setDivergingEnd(4).build());

    assertThat(followerLog.nextSequenceNumber()).isEqualTo(2);
  }

  @Test
  void startsOverAtTheLeadersLogStartWhenBehindIt() {
    append(followerLog, 2, 1);

    Outcome outcome = follower().apply(ShardFetched.newBuilder().setOutOfRange(true).setLogStart(40).build());

    assertThat(outcome).isEqualTo(Outcome.PROGRESSED);
    assertThat(followerLog.firstSequenceNumber()).isEqualTo(40);
    assertThat(followerLog.nextSequenceNumber()).isEqualTo(40);
  }

  @Test
  void anEmptyFollowerPastTheLeadersEndStartsOverAtItsStart() {
    followerLog.resetTo(30);
    append(leaderLog, 5, 4);
    LeaderReplica leader = leader();
    FollowerReplica follower = follower();

    follower.apply(leader.fetch(2, follower.nextFetch(), 1 << 20));
    follower.apply(leader.fetch(2, follower.nextFetch(), 1 << 20));

    assertThat(followerLog.read(0, 100, 1 << 20)).isEqualTo(leaderLog.read(0, 100, 1 << 20));
  }

  @Test
  void refusalsWaitForNewMetadata() {
    append(followerLog, 1, 1);
    ShardFetched refused = ShardFetched.newBuilder()
        .setError(ErrorDetail.newBuilder().setCode(ErrorCode.STALE_EPOCH.shortName()).setMessage("stale")).build();

    assertThat(follower().apply(refused)).isEqualTo(Outcome.REFUSED);
    assertThat(followerLog.nextSequenceNumber()).isEqualTo(1);
  }
}

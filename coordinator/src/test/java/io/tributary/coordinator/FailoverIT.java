package io.tributary.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.common.stream.ShardMetadata;
import io.tributary.proto.v1.ClusterStatus;
import io.tributary.proto.v1.GetClusterStatusRequest;
import io.tributary.proto.v1.UnderReplicatedShard;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FailoverIT {
  @RegisterExtension static final TestZooKeeper ZOOKEEPER = new TestZooKeeper();
  private static final Duration BOUND = Duration.ofSeconds(20);

  private final CoordinatorTestKit kit = new CoordinatorTestKit(ZOOKEEPER.server());

  @AfterEach
  void close() {
    kit.close();
  }

  @Test
  void aLostLeaderIsReplacedByAnInSyncFollowerUnderTheNextEpoch() throws Exception {
    CoordinatorServer leader = startWithBrokers(1, 2, 3);
    kit.startCoordinator();
    kit.streams(leader).createStream(CoordinatorTestKit.create("clicks", 3).toBuilder().setReplicationFactor(3).build());
    List<ShardMetadata> before = kit.shards("clicks");
    assertThat(before).extracting(ShardMetadata::leader).containsExactly(1, 2, 3);

    kit.unregisterBroker(1);

    await().atMost(BOUND).untilAsserted(() -> {
      List<ShardMetadata> after = kit.shards("clicks");
      for (int i = 0; i < after.size(); i++) {
        ShardMetadata was = before.get(i);
        ShardMetadata now = after.get(i);
        assertThat(now.inSyncReplicas()).doesNotContain(1).hasSize(2);
        assertThat(now.replicas()).isEqualTo(was.replicas());
        assertThat(now.coordinatorEpoch()).isEqualTo(leader.leaderEpoch().getAsLong());
        if (was.leader() == 1) {
          assertThat(now.leader()).isIn(was.inSyncReplicas()).isNotEqualTo(1);
          assertThat(now.leaderEpoch()).isEqualTo(was.leaderEpoch() + 1);
        } else {
          assertThat(now.leader()).isEqualTo(was.leader());
          assertThat(now.leaderEpoch()).isEqualTo(was.leaderEpoch());
        }
      }
    });
    ClusterStatus status = kit.clusterAdmin(leader).getClusterStatus(GetClusterStatusRequest.getDefaultInstance());
    assertThat(status.getUnderReplicatedList()).hasSize(3).noneMatch(UnderReplicatedShard::getOffline);
    assertThat(status.getBrokersList()).allSatisfy(b -> assertThat(b.getReplicaShards()).isEqualTo(3));
  }

  @Test
  void theLastInSyncReplicaKeepsTheShardUntilItReturns() throws Exception {
    CoordinatorServer leader = startWithBrokers(1, 2, 3);
    kit.streams(leader).createStream(CoordinatorTestKit.create("clicks", 1).toBuilder().setReplicationFactor(3).build());
    kit.unregisterBroker(1);
    kit.unregisterBroker(2);
    await().atMost(BOUND).until(() -> kit.shards("clicks").get(0).inSyncReplicas().equals(List.of(3)));
    long epoch = kit.shards("clicks").get(0).leaderEpoch();

    kit.unregisterBroker(3);

    await().atMost(BOUND).untilAsserted(() -> {
      ShardMetadata shard = kit.shards("clicks").get(0);
      assertThat(shard.leader()).isEqualTo(ShardMetadata.NO_LEADER);
      assertThat(shard.inSyncReplicas()).containsExactly(3);
    });
    ClusterStatus status = kit.clusterAdmin(leader).getClusterStatus(GetClusterStatusRequest.getDefaultInstance());
    assertThat(status.getUnderReplicatedList()).singleElement().satisfies(u -> assertThat(u.getOffline()).isTrue());

    kit.registerBroker(1, "127.0.0.1:9001"); // out of sync: must not lead
    kit.registerBroker(3, "127.0.0.1:9003");

    await().atMost(BOUND).untilAsserted(() -> {
      ShardMetadata shard = kit.shards("clicks").get(0);
      assertThat(shard.leader()).isEqualTo(3);
      assertThat(shard.leaderEpoch()).isEqualTo(epoch + 1);
    });
  }

  @Test
  void aNewLeaderCoordinatorFinishesAFailoverAtTheStartOfItsTerm() throws Exception {
    CoordinatorServer first = startWithBrokers(1, 2, 3);
    kit.streams(first).createStream(CoordinatorTestKit.create("clicks", 3).toBuilder().setReplicationFactor(3).build());
    first.close();

    kit.unregisterBroker(2); // while no coordinator watches
    CoordinatorServer next = kit.startLeader();

    await().atMost(BOUND).untilAsserted(() -> {
      ShardMetadata shard = kit.shards("clicks").get(1);
      assertThat(shard.leader()).isIn(1, 3);
      assertThat(shard.leaderEpoch()).isEqualTo(1);
      assertThat(shard.coordinatorEpoch()).isEqualTo(next.leaderEpoch().getAsLong());
      assertThat(kit.shards("clicks")).allSatisfy(s -> assertThat(s.inSyncReplicas()).doesNotContain(2));
    });
  }

  private CoordinatorServer startWithBrokers(int... ids) throws Exception {
    for (int id : ids) {
      kit.registerBroker(id, "127.0.0.1:900" + id);
    }
    return kit.startLeader();
  }
}

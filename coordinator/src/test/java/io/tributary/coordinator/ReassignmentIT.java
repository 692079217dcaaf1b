package io.tributary.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.proto.v1.BrokerInfo;
import io.tributary.proto.v1.ClusterStatus;
import io.tributary.proto.v1.DrainBrokerRequest;
import io.tributary.proto.v1.GetClusterStatusRequest;
import io.tributary.proto.v1.ReassignmentProgress;
import io.tributary.proto.v1.RebalanceRequest;
import io.tributary.proto.v1.SplitShardRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ReassignmentIT {
  @RegisterExtension static final TestZooKeeper ZOOKEEPER = new TestZooKeeper();

  private final CoordinatorTestKit kit = new CoordinatorTestKit(ZOOKEEPER.server());
  private final InSyncLeaders leaders = new InSyncLeaders(kit.zk(), kit.paths);

  @AfterEach
  void close() throws Exception {
    leaders.close();
    kit.close();
  }

  @Test
  void drainMovesEveryReplicaOffTheBrokerAndPlacementSkipsItAfterwards() throws Exception {
    CoordinatorServer coordinator = startWithBrokers(Map.of(), 1, 2, 3, 4);
    createStream(coordinator, "clicks", 4, 3);
    long onBroker1 = kit.shards("clicks").stream().filter(s -> s.hasReplica(1)).count();

    List<ReassignmentProgress> progress = collect(kit.clusterAdmin(coordinator)
        .drainBroker(DrainBrokerRequest.newBuilder().setBrokerId(1).build()));

    ReassignmentProgress last = progress.get(progress.size() - 1);
    assertThat(last.getDone()).isTrue();
    assertThat(last.hasError()).as(last.getError().getMessage()).isFalse();
    assertThat(last.getPlanned()).isEqualTo((int) onBroker1).isEqualTo(last.getFinished());
    assertThat(progress).filteredOn(p -> p.getMessage().startsWith("done: ")).hasSize((int) onBroker1)
        .allSatisfy(p -> assertThat(p.getMove().getToReplicasList()).doesNotContain(1));
    assertThat(kit.shards("clicks")).allSatisfy(shard -> {
      assertThat(shard.replicas()).hasSize(3).doesNotContain(1);
      assertThat(shard.inSyncReplicas()).hasSize(3).doesNotContain(1);
      assertThat(shard.leader()).isNotEqualTo(1);
    });
    ClusterStatus status = kit.clusterAdmin(coordinator).getClusterStatus(GetClusterStatusRequest.getDefaultInstance());
    assertThat(status.getBrokersList()).filteredOn(BrokerInfo::getDrained).singleElement()
        .satisfies(b -> assertThat(b.getId()).isEqualTo(1))
        .satisfies(b -> assertThat(b.getReplicaShards()).isZero());

    createStream(coordinator, "views", 3, 0);
    assertThat(kit.shards("views")).allSatisfy(shard -> assertThat(shard.replicas()).containsExactlyInAnyOrder(2, 3, 4));
  }

  @Test
  void drainAlsoMovesClosedShardsWhoseRecordsAreStillReadable() throws Exception {
    CoordinatorServer coordinator = startWithBrokers(Map.of(), 1, 2, 3);
    createStream(coordinator, "clicks", 1, 1);
    ShardMetadata parent = kit.shards("clicks").get(0);
    kit.streams(coordinator).splitShard(
        SplitShardRequest.newBuilder().setStream("clicks").setShardId(parent.shardId()).build());
    int holder = parent.replicas().get(0);

    List<ReassignmentProgress> progress = collect(kit.clusterAdmin(coordinator)
        .drainBroker(DrainBrokerRequest.newBuilder().setBrokerId(holder).build()));

    ReassignmentProgress last = progress.get(progress.size() - 1);
    assertThat(last.hasError()).as(last.getError().getMessage()).isFalse();
    assertThat(kit.shards("clicks")).filteredOn(shard -> !shard.open()).singleElement()
        .satisfies(closed -> assertThat(closed.replicas()).hasSize(1).doesNotContain(holder));
    assertThat(kit.shards("clicks")).allSatisfy(shard -> assertThat(shard.replicas()).doesNotContain(holder));
  }

  @Test
  void splitChildrenGetTheStreamsReplicationFactorOffDrainedBrokers() throws Exception {
    CoordinatorServer coordinator = startWithBrokers(Map.of(), 1, 2, 3, 4);
    createStream(coordinator, "clicks", 1, 2);
    kit.zk().create().forPath(kit.paths.drainedBroker(3));

    kit.streams(coordinator).splitShard(SplitShardRequest.newBuilder().setStream("clicks")
        .setShardId(kit.shards("clicks").get(0).shardId()).build());

    List<ShardMetadata> children = kit.shards("clicks").stream().filter(ShardMetadata::open).toList();
    assertThat(children).hasSize(2).allSatisfy(child -> {
      assertThat(child.replicas()).hasSize(2).doesNotContain(3).isEqualTo(child.inSyncReplicas());
      assertThat(child.coordinatorEpoch()).isEqualTo(coordinator.leaderEpoch().getAsLong());
    });
  }

  @Test
  void drainIsRefusedWhenNoOtherBrokerCanTakeTheReplicas() throws Exception {
    CoordinatorServer coordinator = startWithBrokers(Map.of(), 1, 2, 3);
    createStream(coordinator, "clicks", 2, 3);

    CoordinatorTestKit.assertFails(() -> collect(kit.clusterAdmin(coordinator)
            .drainBroker(DrainBrokerRequest.newBuilder().setBrokerId(1).build())),
        Status.Code.ALREADY_EXISTS, "ResourceInUse", "add a broker first");

    assertThat(kit.zk().checkExists().forPath(kit.paths.drainedBroker(1))).isNull();
    CoordinatorTestKit.assertFails(() -> collect(kit.clusterAdmin(coordinator)
            .drainBroker(DrainBrokerRequest.newBuilder().setBrokerId(9).build())),
        Status.Code.NOT_FOUND, "ResourceNotFound", "broker 9 is not registered and holds no replicas");
  }

  @Test
  void rebalanceReportsOnADryRunAndEvensReplicasAndLeadersOverANewBroker() throws Exception {
    CoordinatorServer coordinator = startWithBrokers(Map.of(), 1, 2, 3);
    createStream(coordinator, "clicks", 4, 3);
    kit.registerBroker(4, "127.0.0.1:9004");
    List<ShardMetadata> before = kit.shards("clicks");

    List<ReassignmentProgress> dryRun = collect(kit.clusterAdmin(coordinator)
        .rebalance(RebalanceRequest.newBuilder().setDryRun(true).build()));

    assertThat(dryRun.get(dryRun.size() - 1).getDone()).isTrue();
    assertThat(dryRun).filteredOn(ReassignmentProgress::hasMove).hasSize(dryRun.get(0).getPlanned())
        .anySatisfy(p -> assertThat(p.getMove().getToReplicasList()).contains(4));
    assertThat(kit.shards("clicks")).isEqualTo(before);

    List<ReassignmentProgress> applied = collect(kit.clusterAdmin(coordinator)
        .rebalance(RebalanceRequest.newBuilder().build()));

    ReassignmentProgress last = applied.get(applied.size() - 1);
    assertThat(last.hasError()).as(last.getError().getMessage()).isFalse();
    assertThat(last.getFinished()).isEqualTo(dryRun.get(0).getPlanned());
    assertThat(counts(kit.shards("clicks"), false)).isEqualTo(Map.of(1, 3, 2, 3, 3, 3, 4, 3));
    assertThat(counts(kit.shards("clicks"), true)).isEqualTo(Map.of(1, 1, 2, 1, 3, 1, 4, 1));
  }

  @Test
  void autoRebalanceSpreadsReplicasToABrokerThatJoinsEmpty() throws Exception {
    CoordinatorServer coordinator = startWithBrokers(Map.of(CoordinatorConfig.AUTO_REBALANCE.name(), "true"), 1, 2, 3);
    createStream(coordinator, "clicks", 4, 3);

    kit.registerBroker(4, "127.0.0.1:9004");

    await().atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(counts(kit.shards("clicks"), false)).containsEntry(4, 3));
  }

  private CoordinatorServer startWithBrokers(Map<String, String> settings, int... ids) throws Exception {
    for (int id : ids) {
      kit.registerBroker(id, "127.0.0.1:900" + id);
    }
    return kit.startLeader(settings);
  }

  private void createStream(CoordinatorServer coordinator, String name, int shards, int replication) {
    kit.streams(coordinator)
        .createStream(CoordinatorTestKit.create(name, shards).toBuilder().setReplicationFactor(replication).build());
  }

  private static List<ReassignmentProgress> collect(java.util.Iterator<ReassignmentProgress> stream) {
    List<ReassignmentProgress> all = new ArrayList<>();
    stream.forEachRemaining(all::add);
    return all;
  }

  private static Map<Integer, Integer> counts(List<ShardMetadata> shards, boolean leaders) {
    Map<Integer, Integer> counts = new HashMap<>();
    for (ShardMetadata shard : shards) {
      (leaders ? List.of(shard.leader()) : shard.replicas()).forEach(b -> counts.merge(b, 1, Integer::sum));
    }
    return counts;
  }
}

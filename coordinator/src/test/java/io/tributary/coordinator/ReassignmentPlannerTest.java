package io.tributary.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.ShardIds;
import io.tributary.common.stream.ShardMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ReassignmentPlannerTest {
  @Test
  void drainMovesEveryReplicaOffTheBrokerToTheLeastLoaded() {
    List<ReassignmentPlanner.Placed> shards = shards(List.of(1, 2, 3), List.of(2, 3, 1), List.of(3, 1, 2));

    List<ReassignmentPlanner.Move> moves = ReassignmentPlanner.drain(shards, 1, new TreeSet<>(List.of(1, 2, 3, 4)));

    assertThat(moves).hasSize(3).allSatisfy(m -> {
      assertThat(m.removed()).isEqualTo(1);
      assertThat(m.added()).isEqualTo(4);
      assertThat(m.toReplicas()).doesNotContain(1);
    });
    assertThat(moves.get(0).toReplicas()).containsExactly(4, 2, 3);
    assertThat(moves.get(0).toLeader()).isEqualTo(4);
    assertThat(moves.get(1).toLeader()).isEqualTo(2);
  }

  @Test
  void drainIsRefusedWhenNoBrokerCanTakeAReplica() {
    List<ReassignmentPlanner.Placed> shards = shards(List.of(1, 2, 3));

    assertThatThrownBy(() -> ReassignmentPlanner.drain(shards, 1, new TreeSet<>(List.of(2, 3))))
        .isInstanceOfSatisfying(TributaryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_IN_USE))
        .hasMessageContaining("cannot drain broker 1")
        .hasMessageContaining("add a broker first");
  }

  @Test
  void rebalanceEvensReplicasThenLeadersOverANewBroker() {
    List<ReassignmentPlanner.Placed> shards =
        shards(List.of(1, 2, 3), List.of(2, 3, 1), List.of(3, 1, 2), List.of(1, 2, 3));

    List<ReassignmentPlanner.Move> moves = ReassignmentPlanner.rebalance(shards, new TreeSet<>(List.of(1, 2, 3, 4)));

    Map<String, ShardMetadata> after = new HashMap<>();
    shards.forEach(p -> after.put(p.shard().shardId(), p.shard()));
    for (ReassignmentPlanner.Move m : moves) {
      ShardMetadata s = after.get(m.shardId());
      assertThat(s.replicas()).isEqualTo(m.fromReplicas());
      after.put(m.shardId(), s.withReplicas(m.toReplicas(), m.toReplicas(), 0)
          .withLeader(m.toLeader(), 0, m.toReplicas(), 0));
    }
    Map<Integer, Integer> replicas = new HashMap<>();
    Map<Integer, Integer> leaders = new HashMap<>();
    after.values().forEach(s -> {
      s.replicas().forEach(b -> replicas.merge(b, 1, Integer::sum));
      leaders.merge(s.leader(), 1, Integer::sum);
    });
    assertThat(replicas).isEqualTo(Map.of(1, 3, 2, 3, 3, 3, 4, 3));
    assertThat(leaders).isEqualTo(Map.of(1, 1, 2, 1, 3, 1, 4, 1));
    assertThat(ReassignmentPlanner.rebalance(shards, new TreeSet<>(List.of(1, 2, 3)))).isEmpty();
  }

  static List<ReassignmentPlanner.Placed> shards(List<Integer>... replicaLists) {
    List<ReassignmentPlanner.Placed> shards = new ArrayList<>();
    for (int i = 0; i < replicaLists.length; i++) {
      shards.add(new ReassignmentPlanner.Placed("s",
          ReplicaPlacement.shard(ShardIds.of(i), "0", "1", List.of(), replicaLists[i], 1)));
    }
    return shards;
  }
}

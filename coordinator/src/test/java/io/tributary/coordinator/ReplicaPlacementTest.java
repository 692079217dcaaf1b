package io.tributary.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ReplicaPlacementTest {
  @Test
  void threeBrokersTwelveShardsFactorThreeGiveEveryBrokerEveryShardAndAThirdOfTheLeaders() {
    ReplicaPlacement.Load load = ReplicaPlacement.Load.empty();

    List<List<Integer>> placed = ReplicaPlacement.place(Set.of(1, 2, 3), load, 12, 3);

    assertThat(placed).hasSize(12).allSatisfy(r -> assertThat(new TreeSet<>(r)).containsExactly(1, 2, 3));
    assertThat(load.replicas()).isEqualTo(Map.of(1, 12, 2, 12, 3, 12));
    assertThat(load.leaders()).isEqualTo(Map.of(1, 4, 2, 4, 3, 4));
    assertThat(placed.get(0).get(0)).isEqualTo(1);
    assertThat(placed.get(1).get(0)).isEqualTo(2);
  }

  @Test
  void factorTwoOverFourBrokersIsEven() {
    ReplicaPlacement.Load load = ReplicaPlacement.Load.empty();

    List<List<Integer>> placed = ReplicaPlacement.place(List.of(4, 3, 2, 1), load, 8, 2);

    assertThat(placed).allSatisfy(r -> assertThat(r).hasSize(2).doesNotHaveDuplicates());
    assertThat(load.replicas()).isEqualTo(Map.of(1, 4, 2, 4, 3, 4, 4, 4));
    assertThat(load.leaders()).isEqualTo(Map.of(1, 2, 2, 2, 3, 2, 4, 2));
  }

  @Test
  void existingLoadSteersNewShardsToTheEmptierBrokers() {
    ReplicaPlacement.Load load = ReplicaPlacement.Load.empty();
    load.add(1, List.of(1, 2));
    load.add(1, List.of(1, 2));

    List<List<Integer>> placed = ReplicaPlacement.place(Set.of(1, 2, 3), load, 1, 2);

    assertThat(placed).containsExactly(List.of(2, 3));
  }

  @Test
  void aNewShardIsInSyncOnAllItsReplicasUnderTheTerm() {
    var shard = ReplicaPlacement.shard("shardId-000000000000", "0", "9", List.of(), List.of(3, 1), 7);

    assertThat(shard.leader()).isEqualTo(3);
    assertThat(shard.leaderEpoch()).isZero();
    assertThat(shard.inSyncReplicas()).containsExactly(3, 1);
    assertThat(shard.coordinatorEpoch()).isEqualTo(7);
  }
}

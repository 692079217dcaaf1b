package io.tributary.api.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateRedistributionTest {
  private static OperatorSnapshot snapshot(Map<Integer, Object> groups, List<Object> list, List<Object> union) {
    return new OperatorSnapshot(groups, Map.of("l", list), Map.of("u", union));
  }

  private final List<OperatorSnapshot> old = List.of(
      snapshot(Map.of(0, "g0", 3, "g3"), List.of("a0", "a1", "a2"), List.of("x")),
      snapshot(Map.of(4, "g4", 7, "g7"), List.of("b0", "b1"), List.of("y")));

  @Test
  void keyGroupsGoToTheSubtaskWhoseRangeHoldsThem() {
    // max parallelism 8 over 3 subtasks: [0,2], [3,5], [6,7]
    assertThat(StateRedistribution.restoreFor(old, 8, 3, 0, 5).keyGroups()).containsOnlyKeys(0);
    assertThat(StateRedistribution.restoreFor(old, 8, 3, 1, 5).keyGroups()).containsOnlyKeys(3, 4);
    assertThat(StateRedistribution.restoreFor(old, 8, 3, 2, 5).keyGroups()).containsOnlyKeys(7);
    assertThat(StateRedistribution.restoreFor(old, 8, 1, 0, 5).keyGroups())
        .isEqualTo(Map.of(0, "g0", 3, "g3", 4, "g4", 7, "g7"));
  }

  @Test
  void listsAreConcatenatedInOldSubtaskOrderAndDealtRoundRobin() {
    List<Object> all = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      OperatorRestore restore = StateRedistribution.restoreFor(old, 8, 2, i, 5);
      all.addAll(restore.list("l"));
      assertThat(restore.checkpointId()).isEqualTo(5);
    }
    assertThat(StateRedistribution.restoreFor(old, 8, 2, 0, 5).list("l")).containsExactly("a0", "a2", "b1");
    assertThat(StateRedistribution.restoreFor(old, 8, 2, 1, 5).list("l")).containsExactly("a1", "b0");
    assertThat(all).containsExactlyInAnyOrder("a0", "a1", "a2", "b0", "b1");
  }

  @Test
  void unionsGoWholeToEverySubtaskAndMissingSnapshotsAreSkipped() {
    List<OperatorSnapshot> withFinished = new ArrayList<>(old);
    withFinished.add(null);
    withFinished.add(OperatorSnapshot.EMPTY);
    for (int i = 0; i < 4; i++) {
      assertThat(StateRedistribution.restoreFor(withFinished, 8, 4, i, 1).union("u")).containsExactly("x", "y");
    }
  }

  @Test
  void rejectsGroupsClaimedTwiceOrBeyondTheMaxParallelism() {
    List<OperatorSnapshot> twice = List.of(snapshot(Map.of(1, "a"), List.of(), List.of()),
        snapshot(Map.of(1, "b"), List.of(), List.of()));
    assertThatThrownBy(() -> StateRedistribution.restoreFor(twice, 8, 1, 0, 1))
        .hasMessageContaining("key group 1 appears in the state of two old subtasks");
    assertThatThrownBy(() -> StateRedistribution.restoreFor(old, 4, 1, 0, 1))
        .hasMessageContaining("keep its max parallelism");
    assertThatThrownBy(() -> StateRedistribution.restoreFor(old, 8, 2, 2, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

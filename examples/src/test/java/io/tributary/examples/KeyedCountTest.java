package io.tributary.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.checkpoint.OperatorSnapshot;
import io.tributary.api.connectors.StreamSource;
import io.tributary.api.graph.ChainedNode;
import io.tributary.api.graph.JobPlan;
import io.tributary.api.graph.JobVertex;
import io.tributary.api.graph.KeyGroups;
import io.tributary.api.operators.KeyedProcessOperator;
import io.tributary.api.operators.OneInputOperator;
import io.tributary.api.testing.OperatorHarness;
import io.tributary.examples.KeyedCount.KeyCount;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyedCountTest {
  @Test
  void everyRecordEmitsItsKeysNewCountAndARestoredCopyCarriesOnAtAnotherParallelism() throws Exception {
    List<OperatorSnapshot> snapshots = new ArrayList<>();
    List<KeyCount> before = new ArrayList<>();
    for (int subtask = 0; subtask < 2; subtask++) {
      try (OperatorHarness<String, KeyCount> harness = counter(false).withParallelism(2, subtask).open()) {
        for (String key : List.of("a", "b", "a", "c", "a", "b")) {
          if (ownedBy(key, 2, subtask)) {
            harness.processElement(key);
          }
        }
        before.addAll(harness.extractOutputValues());
        snapshots.add(harness.snapshot(1));
      }
    }
    assertThat(before).containsExactlyInAnyOrder(new KeyCount("a", 1), new KeyCount("a", 2), new KeyCount("a", 3),
        new KeyCount("b", 1), new KeyCount("b", 2), new KeyCount("c", 1));

    try (OperatorHarness<String, KeyCount> restored =
        OperatorHarness.restore(operator(false), snapshots, 1, 1, 0).open()) {
      restored.processElement("a").processElement("c");

      assertThat(restored.extractOutputValues()).containsExactly(new KeyCount("a", 4), new KeyCount("c", 2));
    }
  }

  @Test
  void boundedCountsAreEmittedOnceWhenTheInputEnds() throws Exception {
    try (OperatorHarness<String, KeyCount> harness = counter(true).open()) {
      for (String key : List.of("x", "y", "x")) {
        harness.processElement(key);
      }
      assertThat(harness.extractOutputValues()).isEmpty();

      harness.endInput();

      assertThat(harness.extractOutputValues()).containsExactlyInAnyOrder(new KeyCount("x", 2), new KeyCount("y", 1));
    }
  }

  @Test
  void linesAreKeyTabCount() {
    assertThat(new KeyCount("k7", 42)).hasToString("k7\t42");
  }

  @Test
  void planCheckpointsEverySecondWithStableUidsAndBothSinksAfterTheCount() throws Exception {
    JobPlan plan = PlanCapture.plan(KeyedCount::main, 2, "--stream", "events", "--output", "out",
        "--output-stream", "counts");

    assertThat(plan.bounded()).isFalse();
    assertThat(plan.checkpoints().interval()).isEqualTo(Duration.ofSeconds(1));
    JobVertex counting = plan.vertices().get(1);
    assertThat(counting.nodes()).extracting(ChainedNode::uid).containsExactly("count", "files", "output-stream");
    assertThat(plan.vertices().get(0).nodes()).extracting(ChainedNode::uid).containsExactly("source");
  }

  @Test
  void boundedModeIsABoundedPlanAndTheIntervalIsAnArgument() throws Exception {
    JobPlan plan = PlanCapture.plan(KeyedCount::main, 1, "--stream", "events", "--bounded", "--output", "out",
        "--checkpoint-interval", "250ms");

    assertThat(plan.bounded()).isTrue();
    assertThat(plan.vertices().get(0).nodes().get(0).function())
        .isInstanceOfSatisfying(StreamSource.class, s -> assertThat(s.bounded()).isTrue());
    assertThat(plan.jobName()).isEqualTo("keyed-count-bounded");
    assertThat(plan.checkpoints().interval()).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void aBadIntervalNamesTheArgument() {
    assertThatThrownBy(() -> PlanCapture.plan(KeyedCount::main, 1, "--stream", "s", "--output", "o",
        "--checkpoint-interval", "soon"))
        .hasMessageContaining("--checkpoint-interval 'soon' is not a duration");
  }

  private static OperatorHarness<String, KeyCount> counter(boolean bounded) {
    return OperatorHarness.forSerializedCopy(operator(bounded));
  }

  private static OneInputOperator<String, KeyCount> operator(boolean bounded) {
    return new KeyedProcessOperator<>(new KeyedCount.Identity(), new KeyedCount.CountPerKey(bounded));
  }

  private static boolean ownedBy(String key, int parallelism, int subtask) {
    return KeyGroups.subtaskForKey(key, 128, parallelism) == subtask;
  }
}

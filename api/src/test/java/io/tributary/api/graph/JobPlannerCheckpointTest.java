package io.tributary.api.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.JobEnvironment;
import io.tributary.api.checkpoint.CheckpointSettings;
import io.tributary.api.checkpoint.RestartStrategy;
import io.tributary.api.fakes.CapturingExecutor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checkpoint settings, restart strategies and operator uids reach the plan. */
class JobPlannerCheckpointTest {
  private final CapturingExecutor executor = new CapturingExecutor(2, 128);
  private final JobEnvironment env = JobEnvironment.create(executor);

  @Test
  void withoutCheckpointsTheJobFailsAtTheFirstFailure() {
    env.fromSequence(1, 10).discard();

    JobPlan plan = env.plan("plain");

    assertThat(plan.checkpoints().enabled()).isFalse();
    assertThat(plan.restartStrategy()).isEqualTo(RestartStrategy.none());
  }

  @Test
  void checkpointingDefaultsToRestartingWithoutLimitOneSecondApart() throws Exception {
    env.setCheckpointSettings(CheckpointSettings.disabled().withRetained(5).withMaxConcurrent(2));
    env.enableCheckpointing(Duration.ofSeconds(3)).fromSequence(1, 10).discard();

    env.execute("checkpointed");
    JobPlan plan = executor.plans().get(0);

    assertThat(plan.checkpoints()).isEqualTo(new CheckpointSettings(Duration.ofSeconds(3), Duration.ofMinutes(10),
        Duration.ZERO, 2, 5));
    assertThat(plan.restartStrategy()).isEqualTo(RestartStrategy.fixedDelay(Integer.MAX_VALUE, Duration.ofSeconds(1)));
    assertThat(env.getCheckpointSettings()).isEqualTo(plan.checkpoints());
  }

  @Test
  void aChosenRestartStrategyWins() {
    env.enableCheckpointing(Duration.ofSeconds(1))
        .setRestartStrategy(RestartStrategy.failureRate(3, Duration.ofMinutes(1), Duration.ofSeconds(2)));
    env.fromSequence(1, 10).discard();

    assertThat(env.plan("chosen").restartStrategy())
        .isEqualTo(RestartStrategy.failureRate(3, Duration.ofMinutes(1), Duration.ofSeconds(2)));
    assertThatThrownBy(() -> env.enableCheckpointing(Duration.ZERO)).hasMessageContaining("must be positive");
  }

  @Test
  void uidsNameChainedNodesAndDefaultToTheNodeId() throws Exception {
    env.fromSequence(1, 10).uid("numbers").map(x -> x + 1).keyBy(x -> x % 3).reduce(Long::sum).uid("sums")
        .print().uid("out");

    JobPlan plan = env.plan("uids");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(plan);
    }
    JobPlan copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (JobPlan) in.readObject();
    }

    List<String> uids = copy.vertices().stream().flatMap(v -> v.nodes().stream()).map(ChainedNode::uid).toList();
    assertThat(uids).containsExactly("numbers", "node-1", "sums", "out");
  }

  @Test
  void duplicateUidsAreRejectedNamingBothOperators() {
    env.fromSequence(1, 10).uid("same").name("first").map(x -> x).uid("same").name("second").discard();

    assertThatThrownBy(() -> env.plan("dup")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("uid 'same'").hasMessageContaining("'first'").hasMessageContaining("'second'");
  }

  @Test
  void aUidEqualToAnotherNodesDefaultIsRejectedToo() {
    env.fromSequence(1, 10).map(x -> x).uid("node-0").discard();

    assertThatThrownBy(() -> env.plan("clash")).hasMessageContaining("uid 'node-0'");
    assertThatThrownBy(() -> env.fromSequence(1, 2).uid(" ")).hasMessageContaining("must not be empty");
  }
}

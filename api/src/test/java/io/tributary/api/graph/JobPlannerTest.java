package io.tributary.api.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.tributary.api.DataStream;
import io.tributary.api.JobEnvironment;
import io.tributary.api.KeyedStream;
import io.tributary.api.fakes.CapturingExecutor;
import io.tributary.api.functions.Collector;
import io.tributary.api.functions.KeyedCoProcessFunction;
import io.tributary.api.functions.OutputTag;
import io.tributary.api.functions.ProcessJoinFunction;
import io.tributary.api.operators.IntervalJoinOperator;
import io.tributary.api.operators.KeyedCoProcessOperator;
import io.tributary.api.operators.Output;
import io.tributary.api.operators.OperatorContext;
import io.tributary.api.operators.SinkOperator;
import io.tributary.api.operators.TwoInputOperator;
import io.tributary.api.operators.WindowJoinOperator;
import io.tributary.api.windowing.TumblingEventTimeWindows;
import io.tributary.api.sources.SequenceSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobPlannerTest {
  private final JobEnvironment env = JobEnvironment.create(new CapturingExecutor(2, 128));

  @Test
  void chainsMapFilterSinkIntoOneVertex() {
    env.fromSequence(1, 10).map(x -> x * 2).filter(x -> x > 4).discard();

    JobPlan plan = env.plan("chain");

    assertThat(plan.vertices()).hasSize(1);
    JobVertex vertex = plan.vertices().get(0);
    assertThat(vertex.name()).isEqualTo("Source: Sequence -> Map -> Filter -> Sink: Discard");
    assertThat(vertex.parallelism()).isEqualTo(2);
    assertThat(vertex.head().function()).isInstanceOf(SequenceSource.class);
    assertThat(vertex.nodes().get(3).function()).isInstanceOf(SinkOperator.class);
    for (int i = 0; i < 3; i++) {
      assertThat(vertex.nodes().get(i).chainedOutputs())
          .containsExactly(new ChainedOutput(vertex.nodes().get(i + 1).nodeId(), null));
    }
    assertThat(vertex.inputs()).isEmpty();
    assertThat(vertex.outputs()).isEmpty();
  }

  @Test
  void keyBySplitsVerticesWithHashEdgeAndChainsWhatFollows() {
    env.fromSequence(1, 10).keyBy(x -> x % 3).map(x -> x + 1).discard();

    JobPlan plan = env.plan("keyed");

    assertThat(plan.vertices()).extracting(JobVertex::name)
        .containsExactly("Source: Sequence", "Map -> Sink: Discard");
    JobEdge edge = plan.vertex(0).outputs().get(0);
    assertThat(edge.partitioning()).isInstanceOf(Partitioning.Hash.class);
    assertThat(edge.targetVertex()).isEqualTo(1);
    assertThat(plan.vertex(1).inputs()).containsExactly(edge);
  }

  @Test
  void differentParallelismSplitsWithRebalance() {
    DataStream<Long> mapped = env.fromSequence(1, 10).map(x -> x).setParallelism(3);
    mapped.discard().setParallelism(3);

    JobPlan plan = env.plan("rescale");

    assertThat(plan.vertices()).extracting(JobVertex::parallelism).containsExactly(2, 3);
    assertThat(plan.vertex(1).name()).isEqualTo("Map -> Sink: Discard");
    assertThat(plan.vertex(1).inputs().get(0).partitioning()).isInstanceOf(Partitioning.Rebalance.class);
  }

  @Test
  void unionMakesEdgesIntoTheSameInput() {
    DataStream<Long> a = env.fromSequence(1, 10);
    DataStream<Long> b = env.fromElements(100L, 200L);
    a.union(b).map(x -> x).name("Merged").discard();

    JobPlan plan = env.plan("union");

    JobVertex merged = plan.vertices().get(2);
    assertThat(merged.name()).isEqualTo("Merged -> Sink: Discard");
    assertThat(merged.inputs()).extracting(JobEdge::sourceVertex).containsExactly(0, 1);
    assertThat(merged.inputs()).extracting(JobEdge::targetInput).containsExactly(1, 1);
    assertThat(merged.inputs()).extracting(JobEdge::partitioning)
        .allMatch(p -> p instanceof Partitioning.Forward);
  }

  @Test
  void sideOutputsAreChainedOrRoutedWithTheirTag() {
    OutputTag<Long> late = new OutputTag<>("late");
    DataStream<Long> main = env.fromSequence(1, 10).map(x -> x).name("Split");
    main.discard();
    main.getSideOutput(late).map(x -> x).name("Chained side").discard();
    main.getSideOutput(late).rebalance().map(x -> x).name("Remote side").discard();

    JobPlan plan = env.plan("side");

    JobVertex first = plan.vertex(0);
    ChainedNode split = first.nodes().get(1);
    assertThat(split.name()).isEqualTo("Split");
    assertThat(split.chainedOutputs()).extracting(ChainedOutput::sideOutput).containsExactly(null, late);
    assertThat(first.outputs()).singleElement().satisfies(edge -> {
      assertThat(edge.sideOutput()).isEqualTo(late);
      assertThat(edge.sourceNodeId()).isEqualTo(split.nodeId());
      assertThat(edge.partitioning()).isInstanceOf(Partitioning.Rebalance.class);
    });
    assertThat(plan.vertex(1).name()).isEqualTo("Remote side -> Sink: Discard");
  }

  @Test
  void twoInputOperatorStartsAVertexWithInputsOneAndTwo() {
    DataStream<Long> a = env.fromSequence(1, 10);
    DataStream<String> b = env.fromElements("x", "y");
    a.connect(b.keyBy(s -> s)).transform("Pair", new PairOperator()).discard();

    JobPlan plan = env.plan("two-input");

    JobVertex pair = plan.vertex(2);
    assertThat(pair.name()).isEqualTo("Pair -> Sink: Discard");
    assertThat(pair.inputs()).extracting(JobEdge::targetInput).containsExactly(1, 2);
    assertThat(pair.inputs().get(0).partitioning()).isInstanceOf(Partitioning.Forward.class);
    assertThat(pair.inputs().get(1).partitioning()).isInstanceOf(Partitioning.Hash.class);
  }

  @Test
  void idsAndOutputIndexesAreConsistentAcrossFanOut() {
    DataStream<Long> source = env.fromSequence(1, 100);
    source.keyBy(x -> x % 7).map(x -> x).discard();
    source.rebalance().filter(x -> x > 3).discard();
    source.broadcast().map(x -> -x).discard();

    JobPlan plan = env.plan("fan-out");

    assertThat(plan.vertices()).extracting(JobVertex::id).containsExactly(0, 1, 2, 3);
    assertThat(plan.vertex(0).outputs()).extracting(JobEdge::outputIndex).containsExactly(0, 1, 2);
    for (JobVertex vertex : plan.vertices()) {
      for (JobEdge edge : vertex.inputs()) {
        assertThat(edge.sourceVertex()).isLessThan(vertex.id());
        assertThat(plan.vertex(edge.sourceVertex()).outputs().get(edge.outputIndex())).isEqualTo(edge);
        assertThat(plan.vertex(edge.sourceVertex()).nodes()).extracting(ChainedNode::nodeId)
            .contains(edge.sourceNodeId());
      }
    }
    assertThat(env.plan("fan-out")).as("planning is deterministic").isEqualTo(plan);
  }

  @Test
  void boundedOnlyWhenEverySourceIsBounded() {
    env.fromSequence(1, 10).discard();
    assertThat(env.plan("bounded").bounded()).isTrue();

    env.generate(i -> i, 10).discard();
    assertThat(env.plan("unbounded").bounded()).isFalse();
  }

  @Test
  void planSurvivesJavaSerialization() throws Exception {
    env.fromSequence(1, 10).keyBy(x -> x % 3).map(x -> x + 1).discard();
    JobPlan plan = env.plan("serial");

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(plan);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      JobPlan copy = (JobPlan) in.readObject();
      assertThat(copy.vertices()).extracting(JobVertex::name).isEqualTo(
          plan.vertices().stream().map(JobVertex::name).toList());
      Partitioning.Hash hash = (Partitioning.Hash) copy.vertex(1).inputs().get(0).partitioning();
      @SuppressWarnings("unchecked")
      io.tributary.api.functions.KeySelector<Long, Long> key =
          (io.tributary.api.functions.KeySelector<Long, Long>) hash.keySelector();
      assertThat(key.getKey(10L)).isEqualTo(1L);
    }
  }

  @Test
  void rejectsInvalidParallelismAndMixedEnvironments() {
    DataStream<Long> source = env.fromSequence(1, 10);
    assertThatThrownBy(() -> source.map(x -> x).setParallelism(129))
        .hasMessageContaining("between 1 and the max parallelism 128");
    assertThatThrownBy(() -> source.map(x -> x).setParallelism(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> source.keyBy(x -> x).setParallelism(2)).hasMessageContaining("call it right after");

    JobEnvironment other = JobEnvironment.create(new CapturingExecutor(1, 128));
    assertThatThrownBy(() -> source.union(other.fromSequence(1, 2)))
        .hasMessageContaining("different job environments");

    env.setMaxParallelism(1);
    assertThatThrownBy(() -> env.plan("too-wide")).hasMessageContaining("raise setMaxParallelism");
  }

  @Test
  void emptyJobIsRejected() {
    assertThatThrownBy(() -> env.plan("empty")).hasMessageContaining("declares no sources");
  }

  @Test
  void windowJoinHashesBothInputsIntoOneJoinOperator() {
    DataStream<Long> clicks = env.fromSequence(1, 10);
    DataStream<String> users = env.fromElements("a", "b");
    clicks.join(users).where(c -> "u" + c).equalTo(u -> u)
        .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
        .apply((c, u) -> u + c)
        .discard();

    JobVertex join = env.plan("join").vertex(2);

    assertThat(join.head().function()).isInstanceOf(WindowJoinOperator.class);
    assertThat(join.inputs()).extracting(JobEdge::targetInput).containsExactly(1, 2);
    assertThat(join.inputs()).extracting(JobEdge::partitioning).allMatch(p -> p instanceof Partitioning.Hash);
  }

  @Test
  void intervalJoinAndKeyedConnectBecomeTwoInputKeyedOperators() {
    KeyedStream<Long, Long> a = env.fromSequence(1, 10).keyBy(x -> x);
    KeyedStream<Long, Long> b = env.fromSequence(1, 10).keyBy(x -> x);
    a.intervalJoin(b).between(Duration.ofSeconds(-1), Duration.ofSeconds(1))
        .process(new ProcessJoinFunction<Long, Long, Long>() {
          private static final long serialVersionUID = 1L;

          @Override
          public void processElement(Long left, Long right, Context ctx, Collector<Long> out) {}
        })
        .discard();
    a.connect(b).process(new KeyedCoProcessFunction<Long, Long, Long, Long>() {
      private static final long serialVersionUID = 1L;

      @Override
      public void processElement1(Long value, Context ctx, Collector<Long> out) {}

      @Override
      public void processElement2(Long value, Context ctx, Collector<Long> out) {}
    }).discard();

    JobPlan plan = env.plan("keyed-two-input");

    assertThat(plan.vertex(2).head().function()).isInstanceOf(IntervalJoinOperator.class);
    assertThat(plan.vertex(3).head().function()).isInstanceOf(KeyedCoProcessOperator.class);
    for (int v = 2; v <= 3; v++) {
      assertThat(plan.vertex(v).inputs()).extracting(JobEdge::sourceVertex, JobEdge::targetInput)
          .containsExactly(tuple(0, 1), tuple(1, 2));
    }
    assertThatThrownBy(() -> a.intervalJoin(b).between(Duration.ofSeconds(1), Duration.ofSeconds(-1)))
        .hasMessageContaining("lower <= upper");
  }

  @Test
  void windowAllRunsInOneSubtaskAndLateDataIsASideOutput() {
    OutputTag<Long> late = new OutputTag<>("late");
    DataStream<Long> sums = env.fromSequence(1, 10).windowAll(TumblingEventTimeWindows.of(Duration.ofSeconds(5)))
        .sideOutputLateData(late)
        .reduce(Long::sum);
    sums.getSideOutput(late).discard();

    assertThatThrownBy(() -> sums.setParallelism(2)).hasMessageContaining("runs in one subtask");
    JobPlan plan = env.plan("global");
    assertThat(plan.vertex(1).parallelism()).isEqualTo(1);
    assertThat(plan.vertex(1).name()).isEqualTo("AllWindow Reduce");
    assertThat(plan.vertex(1).inputs().get(0).partitioning()).isInstanceOf(Partitioning.Hash.class);
    assertThat(plan.vertex(1).outputs()).singleElement()
        .satisfies(edge -> assertThat(edge.sideOutput()).isEqualTo(late));
  }

  /** A two-input operator that the planner only places; it never runs here. */
  private static final class PairOperator implements TwoInputOperator<Long, String, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public void open(OperatorContext context, Output<String> output) {}

    @Override
    public void processElement1(Long value, long timestamp) {}

    @Override
    public void processElement2(String value, long timestamp) {}

    @Override
    public void processWatermark1(long watermark) {}

    @Override
    public void processWatermark2(long watermark) {}
  }
}

package io.tributary.api.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.checkpoint.OperatorSnapshot;
import io.tributary.api.functions.Collector;
import io.tributary.api.functions.JoinFunction;
import io.tributary.api.functions.KeyedProcessFunction;
import io.tributary.api.functions.ProcessJoinFunction;
import io.tributary.api.functions.ProcessWindowFunction;
import io.tributary.api.functions.ReduceFunction;
import io.tributary.api.functions.RuntimeContext;
import io.tributary.api.operators.CheckpointDriver.Step;
import io.tributary.api.state.ListState;
import io.tributary.api.state.ListStateDescriptor;
import io.tributary.api.state.ValueState;
import io.tributary.api.state.ValueStateDescriptor;
import io.tributary.api.testing.OperatorHarness;
import io.tributary.api.testing.TimestampedValue;
import io.tributary.api.windowing.EventTimeSessionWindows;
import io.tributary.api.windowing.SlidingEventTimeWindows;
import io.tributary.api.windowing.TimeWindow;
import io.tributary.api.windowing.TumblingEventTimeWindows;
import io.tributary.api.windowing.TumblingProcessingTimeWindows;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Operators restored from a snapshot continue exactly as if never interrupted, at the same
 * parallelism and rescaled: keyed state, event-time and processing-time timers, window contents,
 * join buffers.
 */
class OperatorCheckpointTest {
  record Event(String key, int value) implements Serializable {}

  private static final Function<Object, Object> KEY = v -> ((Event) v).key();
  private static final List<Step> SCRIPT = CheckpointDriver.script(400, 23, false, OperatorCheckpointTest::event);
  private static final List<Step> TWO_INPUT_SCRIPT = CheckpointDriver.script(400, 5, true, i -> new Event("k" + (i * 7 % 5), i));

  static Event event(int i) {
    return new Event("k" + (i * 31 % 23), i);
  }

  /** Counts per key, remembers timestamps, fires an event-time and a processing-time timer per record. */
  static final class CountWithTimers extends KeyedProcessFunction<String, Event, String> {
    private static final long serialVersionUID = 1L;
    private transient ValueState<Integer> count;
    private transient ListState<Long> seen;

    @Override
    public void open(RuntimeContext context) {
      count = context.getState(new ValueStateDescriptor<>("count", 0));
      seen = context.getListState(new ListStateDescriptor<>("seen"));
    }

    @Override
    public void processElement(Event value, Context ctx, Collector<String> out) {
      count.update(count.value() + 1);
      seen.add(ctx.timestamp());
      out.collect(value.key() + " #" + count.value());
      ctx.timerService().registerEventTimeTimer(ctx.timestamp() + 25);
      ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + 40);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) {
      long sum = 0;
      for (long ts : seen.get()) {
        sum += ts;
      }
      out.collect(ctx.getCurrentKey() + " " + ctx.timeDomain() + "@" + timestamp + " count=" + count.value() + " sum=" + sum);
    }
  }

  static final class Describe extends ProcessWindowFunction<Event, String, String, TimeWindow> {
    private static final long serialVersionUID = 1L;

    @Override
    public void process(String key, Context context, Iterable<Event> elements, Collector<String> out) {
      List<Integer> values = new ArrayList<>();
      elements.forEach(e -> values.add(e.value()));
      values.sort(null);
      out.collect(key + " [" + context.window().start() + "," + context.window().end() + ") " + values);
    }
  }

  static final class PairUp extends ProcessJoinFunction<Event, Event, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(Event left, Event right, Context ctx, Collector<String> out) {
      out.collect(left.value() + "~" + right.value());
    }
  }

  private static final ReduceFunction<Event> SUM = (a, b) -> new Event(a.key(), a.value() + b.value());
  private static final JoinFunction<Event, Event, String> JOIN = (a, b) -> a.value() + "+" + b.value();

  @Test
  void keyedProcessRestoredMidStreamContinuesLikeAnUninterruptedRun() throws Exception {
    Supplier<StreamOperator<String>> op = () -> new KeyedProcessOperator<>(Event::key, new CountWithTimers());

    List<TimestampedValue<String>> whole = CheckpointDriver.run(op, KEY, List.of(SCRIPT), 1);
    List<TimestampedValue<String>> restored = CheckpointDriver.run(op, KEY, CheckpointDriver.cut(SCRIPT, 0.3, 0.7), 1, 1, 1);

    assertThat(whole).anyMatch(r -> r.value().contains("PROCESSING_TIME")).anyMatch(r -> r.value().contains("EVENT_TIME"));
    assertThat(restored).containsExactlyElementsOf(whole);
  }

  @Test
  void keyedProcessRescaledTwoToThreeToOneKeepsEveryKeysStateAndTimers() throws Exception {
    Supplier<StreamOperator<String>> op = () -> new KeyedProcessOperator<>(Event::key, new CountWithTimers());

    List<TimestampedValue<String>> whole = CheckpointDriver.run(op, KEY, List.of(SCRIPT), 1);
    List<TimestampedValue<String>> rescaled = CheckpointDriver.run(op, KEY, CheckpointDriver.cut(SCRIPT, 0.3, 0.6), 2, 3, 1);

    assertThat(rescaled).containsExactlyInAnyOrderElementsOf(whole);
  }

  @Test
  void snapshotHoldsKeyGroupsOfTheSubtaskOnly() throws Exception {
    try (var harness = OperatorHarness.forKeyedProcess(Event::key, new CountWithTimers()).withParallelism(4, 1)) {
      harness.open();
      for (int i = 0; i < 200; i++) {
        Event e = event(i);
        if (io.tributary.api.graph.KeyGroups.subtaskForKey(e.key(), 128, 4) == 1) {
          harness.processElement(e, i);
        }
      }
      OperatorSnapshot snapshot = harness.snapshot(1);

      assertThat(snapshot.keyGroups()).isNotEmpty();
      assertThat(snapshot.keyGroups().keySet()).allMatch(g -> g >= 32 && g < 64);
      assertThat(snapshot.keyGroups().values()).allMatch(KeyGroupSnapshot.class::isInstance);
    }
  }

  @Test
  void windowsWithOpenContentsAndPendingTimersFireIdenticallyAfterRestoreAndRescale() throws Exception {
    List<Supplier<StreamOperator<?>>> operators = List.of(
        () -> WindowOperators.reduce(Event::key, TumblingEventTimeWindows.of(Duration.ofMillis(100)),
            Duration.ofMillis(50), null, SUM, null),
        () -> WindowOperators.process(Event::key, SlidingEventTimeWindows.of(Duration.ofMillis(200),
            Duration.ofMillis(50)), Duration.ZERO, null, new Describe()),
        () -> WindowOperators.process(Event::key, EventTimeSessionWindows.withGap(Duration.ofMillis(150)),
            Duration.ZERO, null, new Describe()),
        () -> WindowOperators.process(Event::key, TumblingProcessingTimeWindows.of(Duration.ofMillis(70)),
            Duration.ZERO, null, new Describe()));
    for (Supplier<StreamOperator<?>> supplier : operators) {
      @SuppressWarnings("unchecked")
      Supplier<StreamOperator<Object>> op = () -> (StreamOperator<Object>) supplier.get();
      List<TimestampedValue<Object>> whole = CheckpointDriver.run(op, KEY, List.of(SCRIPT), 1);

      assertThat(whole).hasSizeGreaterThan(20);
      assertThat(CheckpointDriver.run(op, KEY, CheckpointDriver.cut(SCRIPT, 0.4), 1, 1))
          .containsExactlyElementsOf(whole);
      assertThat(CheckpointDriver.run(op, KEY, CheckpointDriver.cut(SCRIPT, 0.3, 0.6), 2, 3, 1))
          .containsExactlyInAnyOrderElementsOf(whole);
    }
  }

  @Test
  void windowAndIntervalJoinsKeepBothSidesBuffersAcrossRestoreAndRescale() throws Exception {
    List<Supplier<StreamOperator<String>>> operators = List.of(
        () -> new WindowJoinOperator<>(Event::key, Event::key, TumblingEventTimeWindows.of(Duration.ofMillis(200)), JOIN),
        () -> new IntervalJoinOperator<>(Event::key, Event::key, -60, 90, new PairUp()));
    for (Supplier<StreamOperator<String>> op : operators) {
      List<TimestampedValue<String>> whole = CheckpointDriver.run(op, KEY, List.of(TWO_INPUT_SCRIPT), 1);

      assertThat(whole).hasSizeGreaterThan(20);
      assertThat(CheckpointDriver.run(op, KEY, CheckpointDriver.cut(TWO_INPUT_SCRIPT, 0.5), 1, 1))
          .containsExactlyElementsOf(whole);
      assertThat(CheckpointDriver.run(op, KEY, CheckpointDriver.cut(TWO_INPUT_SCRIPT, 0.3, 0.6), 2, 3, 1))
          .containsExactlyInAnyOrderElementsOf(whole);
    }
  }

  @Test
  void rollingReduceResumesFromItsState() throws Exception {
    Supplier<StreamOperator<Event>> op = () -> new KeyedReduceOperator<>(Event::key, SUM);

    List<TimestampedValue<Event>> whole = CheckpointDriver.run(op, KEY, List.of(SCRIPT), 1);

    assertThat(CheckpointDriver.run(op, KEY, CheckpointDriver.cut(SCRIPT, 0.5), 2, 3))
        .containsExactlyInAnyOrderElementsOf(whole);
  }

  /** Not serializable: state holding it cannot be checkpointed. */
  static final class Handle {}

  static final class KeepsHandle extends KeyedProcessFunction<String, Event, String> {
    private static final long serialVersionUID = 1L;
    private transient ValueState<Handle> handle;

    @Override
    public void open(RuntimeContext context) {
      handle = context.getState(new ValueStateDescriptor<>("handle"));
    }

    @Override
    public void processElement(Event value, Context ctx, Collector<String> out) {
      handle.update(new Handle());
    }
  }

  @Test
  void harnessSnapshotNamesStateThatCannotBeSerialized() throws Exception {
    try (var harness = OperatorHarness.forKeyedProcess(Event::key, new KeepsHandle())) {
      harness.open().processElement(event(1), 1);

      assertThatThrownBy(() -> harness.snapshot(1)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("cannot be checkpointed").hasMessageContaining(Handle.class.getName());
    }
  }
}

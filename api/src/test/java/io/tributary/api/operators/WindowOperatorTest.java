package io.tributary.api.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.functions.AggregateFunction;
import io.tributary.api.functions.Collector;
import io.tributary.api.functions.OutputTag;
import io.tributary.api.functions.ProcessWindowFunction;
import io.tributary.api.functions.ReduceFunction;
import io.tributary.api.testing.OperatorHarness;
import io.tributary.api.testing.TimestampedValue;
import io.tributary.api.windowing.EventTimeSessionWindows;
import io.tributary.api.windowing.SlidingEventTimeWindows;
import io.tributary.api.windowing.TimeWindow;
import io.tributary.api.windowing.TumblingEventTimeWindows;
import io.tributary.api.windowing.TumblingProcessingTimeWindows;
import io.tributary.api.windowing.WindowAssigner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The event-time acceptance tests: windows fire exactly on watermarks, with the right contents. */
class WindowOperatorTest {
  record Event(String key, int value) {}

  private static final ReduceFunction<Event> SUM = (a, b) -> new Event(a.key(), a.value() + b.value());
  private static final OutputTag<Event> LATE = new OutputTag<>("late");

  /** "key [start,end) v1,v2,..." with the values sorted, so arrival order does not matter. */
  static final class Describe extends ProcessWindowFunction<Event, String, String, TimeWindow> {
    private static final long serialVersionUID = 1L;

    @Override
    public void process(String key, Context context, Iterable<Event> elements, Collector<String> out) {
      List<Integer> values = new ArrayList<>(StreamSupport.stream(elements.spliterator(), false).map(Event::value).sorted().toList());
      TimeWindow w = context.window();
      out.collect(key + " [" + w.start() + "," + w.end() + ") " + values);
    }
  }

  private static OperatorHarness<Event, Event> sums(WindowAssigner<TimeWindow> assigner, Duration lateness, OutputTag<Event> late) {
    return OperatorHarness.forOperator(WindowOperators.reduce(Event::key, assigner, lateness, late, SUM, null));
  }

  private static OperatorHarness<Event, String> described(WindowAssigner<TimeWindow> assigner) {
    return OperatorHarness.forOperator(WindowOperators.process(Event::key, assigner, Duration.ZERO, null, new Describe()));
  }

  private static TimestampedValue<Event> sum(String key, int value, long timestamp) {
    return new TimestampedValue<>(new Event(key, value), timestamp);
  }

  @Test
  void tumblingWindowsFireExactlyWhenTheWatermarkReachesTheirEnd() throws Exception {
    try (var harness = sums(TumblingEventTimeWindows.of(Duration.ofMillis(10)), Duration.ZERO, null)) {
      harness.open();
      harness.processElement(new Event("a", 1), 3).processElement(new Event("a", 2), 12)
          .processElement(new Event("a", 3), 7).processElement(new Event("b", 4), 5)
          .processElement(new Event("a", 5), 19);
      harness.processWatermark(8);
      assertThat(harness.extractOutputRecords()).isEmpty();
      harness.processWatermark(9);
      assertThat(harness.extractOutputRecords()).containsExactlyInAnyOrder(sum("a", 4, 9), sum("b", 4, 9));

      harness.clearOutput();
      harness.processElement(new Event("a", 6), 15).processWatermark(18);
      assertThat(harness.extractOutputRecords()).isEmpty();
      harness.processWatermark(25);
      assertThat(harness.extractOutputRecords()).containsExactly(sum("a", 13, 19));
      assertThat(harness.watermarks()).containsExactly(18L, 25L);
      assertThat(harness.numPendingEventTimeTimers()).isZero();
    }
  }

  @Test
  void slidingWindowsGetEveryRecordOfTheirRange() throws Exception {
    try (var harness = described(SlidingEventTimeWindows.of(Duration.ofMillis(10), Duration.ofMillis(5)))) {
      harness.open();
      harness.processElement(new Event("a", 7), 7).processElement(new Event("a", 2), 2)
          .processElement(new Event("a", 12), 12).processElement(new Event("a", 5), 5);
      harness.processWatermark(4);
      assertThat(harness.extractOutputRecords()).containsExactly(new TimestampedValue<>("a [-5,5) [2]", 4));
      harness.processWatermark(9);
      assertThat(harness.extractOutputValues()).containsExactly("a [-5,5) [2]", "a [0,10) [2, 5, 7]");
      harness.clearOutput().processWatermark(20);
      assertThat(harness.extractOutputRecords()).containsExactly(
          new TimestampedValue<>("a [5,15) [5, 7, 12]", 14), new TimestampedValue<>("a [10,20) [12]", 19));
    }
  }

  @Test
  void sessionWindowsMergeRecordsCloserThanTheGap() throws Exception {
    try (var harness = described(EventTimeSessionWindows.withGap(Duration.ofMillis(10)))) {
      harness.open();
      harness.processElement(new Event("a", 1), 1).processElement(new Event("a", 20), 20)
          .processElement(new Event("a", 8), 8).processElement(new Event("b", 5), 5);
      harness.processWatermark(16);
      assertThat(harness.extractOutputRecords()).containsExactly(new TimestampedValue<>("b [5,15) [5]", 14));

      harness.clearOutput().processElement(new Event("a", 12), 12);
      harness.processWatermark(28);
      assertThat(harness.extractOutputValues()).isEmpty();
      harness.processWatermark(29);
      assertThat(harness.extractOutputRecords()).containsExactly(new TimestampedValue<>("a [1,30) [1, 8, 12, 20]", 29));
      assertThat(harness.numPendingEventTimeTimers()).isZero();
    }
  }

  @Test
  void sessionWindowsMergeAggregates() throws Exception {
    var harness = sums(EventTimeSessionWindows.withGap(Duration.ofMillis(10)), Duration.ZERO, null);
    harness.open();
    harness.processElement(new Event("a", 1), 0).processElement(new Event("a", 10), 30)
        .processElement(new Event("a", 100), 10);
    assertThat(harness.numPendingEventTimeTimers()).as("a gap apart is a new session").isEqualTo(3);
    harness.processElement(new Event("a", 1000), 5).processElement(new Event("a", 10000), 25);
    assertThat(harness.numPendingEventTimeTimers()).isEqualTo(2);
    harness.processElement(new Event("a", 100000), 18);
    assertThat(harness.numPendingEventTimeTimers()).isEqualTo(1);
    harness.endInput();
    assertThat(harness.extractOutputRecords()).containsExactly(sum("a", 111111, 39));
    harness.close();
  }

  @Test
  void aLateRecordWithinAllowedLatenessRefiresTheWindowWithTheUpdatedResult() throws Exception {
    try (var harness = sums(TumblingEventTimeWindows.of(Duration.ofMillis(10)), Duration.ofMillis(5), LATE)) {
      harness.open();
      harness.processElement(new Event("a", 1), 3).processWatermark(9);
      assertThat(harness.extractOutputRecords()).containsExactly(sum("a", 1, 9));
      harness.processElement(new Event("a", 10), 4);
      assertThat(harness.extractOutputRecords()).containsExactly(sum("a", 1, 9), sum("a", 11, 9));
      harness.processWatermark(13).processElement(new Event("a", 100), 0);
      assertThat(harness.extractOutputRecords()).containsExactly(sum("a", 1, 9), sum("a", 11, 9), sum("a", 111, 9));
      assertThat(harness.sideOutput(LATE)).isEmpty();
    }
  }

  @Test
  void recordsBeyondAllowedLatenessGoToTheLateOutputAndStateIsCleanedUp() throws Exception {
    OneInputOperator<Event, Event> operator = WindowOperators.reduce(Event::key,
        TumblingEventTimeWindows.of(Duration.ofMillis(10)), Duration.ofMillis(5), LATE, SUM, null);
    try (var harness = OperatorHarness.forOperator(operator)) {
      harness.open();
      harness.processElement(new Event("a", 1), 3).processWatermark(14);
      assertThat(((WindowOperator<?, ?, ?, ?, ?>) operator).keyedStateBackend().numKeys("_windows")).isZero();
      assertThat(harness.numPendingEventTimeTimers()).isZero();
      harness.processElement(new Event("a", 2), 9).processElement(new Event("a", 3), 15).processWatermark(19);
      assertThat(harness.sideOutputRecords(LATE)).containsExactly(new TimestampedValue<>(new Event("a", 2), 9));
      assertThat(harness.extractOutputRecords()).containsExactly(sum("a", 1, 9), sum("a", 3, 19));
    }
  }

  @Test
  void lateRecordsWithoutALateOutputAreDroppedAndCounted() throws Exception {
    OneInputOperator<Event, Event> operator = WindowOperators.reduce(Event::key,
        TumblingEventTimeWindows.of(Duration.ofMillis(10)), Duration.ZERO, null, SUM, null);
    var harness = OperatorHarness.forOperator(operator);
    harness.open();
    harness.processWatermark(9).processElement(new Event("a", 1), 9).processElement(new Event("a", 1), 10);
    harness.endInput();
    assertThat(((WindowOperator<?, ?, ?, ?, ?>) operator).lateRecordsDropped()).isEqualTo(1);
    assertThat(harness.extractOutputRecords()).containsExactly(sum("a", 1, 19));
    harness.close();
  }

  @Test
  void slidingRecordLateForOneWindowStillCountsInTheOther() throws Exception {
    try (var harness = described(SlidingEventTimeWindows.of(Duration.ofMillis(10), Duration.ofMillis(5)))) {
      harness.open().processWatermark(9);
      harness.processElement(new Event("a", 7), 7).processWatermark(14);
      assertThat(harness.extractOutputValues()).containsExactly("a [5,15) [7]");
    }
  }

  @Test
  void processingTimeWindowsFireWhenTheClockAdvances() throws Exception {
    try (var harness = sums(TumblingProcessingTimeWindows.of(Duration.ofMillis(10)), Duration.ZERO, null)) {
      harness.open().setProcessingTime(3);
      harness.processElement(new Event("a", 1)).processElement(new Event("b", 2)).processElement(new Event("a", 3));
      harness.setProcessingTime(8);
      assertThat(harness.extractOutputValues()).isEmpty();
      assertThat(harness.numPendingProcessingTimeTimers()).isEqualTo(2);
      harness.setProcessingTime(9);
      assertThat(harness.extractOutputRecords()).containsExactlyInAnyOrder(sum("a", 4, 9), sum("b", 2, 9));
      harness.clearOutput().setProcessingTime(12).processElement(new Event("a", 5)).advanceProcessingTime(Duration.ofMillis(6));
      assertThat(harness.extractOutputRecords()).isEmpty();
      harness.advanceProcessingTime(Duration.ofMillis(1));
      assertThat(harness.extractOutputRecords()).containsExactly(sum("a", 5, 19));
      assertThat(harness.numPendingProcessingTimeTimers()).isZero();
    }
  }

  @Test
  void aggregateWithAWindowFunctionSeesTheResultAndTheWindow() throws Exception {
    AggregateFunction<Event, Integer, Integer> count = new AggregateFunction<>() {
      private static final long serialVersionUID = 1L;

      @Override
      public Integer createAccumulator() {
        return 0;
      }

      @Override
      public Integer add(Event value, Integer acc) {
        return acc + 1;
      }

      @Override
      public Integer getResult(Integer acc) {
        return acc;
      }

      @Override
      public Integer merge(Integer a, Integer b) {
        return a + b;
      }
    };
    var withWindow = new ProcessWindowFunction<Integer, String, String, TimeWindow>() {
      private static final long serialVersionUID = 1L;

      @Override
      public void process(String key, Context context, Iterable<Integer> counts, Collector<String> out) {
        out.collect(key + "@" + context.window().start() + "=" + counts.iterator().next() + " wm=" + context.currentWatermark());
      }
    };
    var harness = OperatorHarness.forOperator(WindowOperators.aggregate(Event::key,
        TumblingEventTimeWindows.of(Duration.ofMillis(100)), Duration.ZERO, null, count, withWindow));
    harness.open();
    harness.processElement(new Event("k", 0), 150).processElement(new Event("k", 0), 101).processWatermark(250);
    assertThat(harness.extractOutputRecords()).containsExactly(new TimestampedValue<>("k@100=2 wm=250", 199));
    harness.close();
  }

  @Test
  void eventTimeWindowsRejectRecordsWithoutATimestamp() throws Exception {
    try (var harness = sums(TumblingEventTimeWindows.of(Duration.ofMillis(10)), Duration.ZERO, null)) {
      harness.open();
      assertThatThrownBy(() -> harness.processElement(new Event("a", 1)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("without a timestamp").hasMessageContaining("assignTimestampsAndWatermarks");
    }
  }
}

package io.tributary.api.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.functions.Collector;
import io.tributary.api.functions.ProcessJoinFunction;
import io.tributary.api.testing.TimestampedValue;
import io.tributary.api.testing.TwoInputHarness;
import io.tributary.api.windowing.EventTimeSessionWindows;
import io.tributary.api.windowing.SlidingEventTimeWindows;
import io.tributary.api.windowing.TimeWindow;
import io.tributary.api.windowing.TumblingEventTimeWindows;
import io.tributary.api.windowing.WindowAssigner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Window and interval joins against a brute-force nested loop over randomized, out-of-order input
 * (fixed seeds): the joins must emit exactly the pairs, with exactly the timestamps, of the definition.
 */
class JoinOperatorsTest {
  record Left(int id, int key) {}

  record Right(int id, int key) {}

  /** One input record: left or right, with its event time. */
  record Event(boolean left, int id, int key, long time) {}

  static final class PairJoin extends ProcessJoinFunction<Left, Right, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(Left left, Right right, Context ctx, Collector<String> out) {
      if (ctx.timestamp() != Math.max(ctx.leftTimestamp(), ctx.rightTimestamp())) {
        throw new AssertionError("context timestamp must be the later of both");
      }
      out.collect(pair(left, right));
    }
  }

  static String pair(Left left, Right right) {
    return "L" + left.id() + "-R" + right.id();
  }

  /** Records of both sides with random keys and times, in an order up to 60 ms out of order. */
  static List<Event> randomInput(long seed, int count) {
    Random random = new Random(seed);
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(new Event(random.nextBoolean(), i, random.nextInt(5), random.nextInt(2_000)));
    }
    List<long[]> order = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      order.add(new long[] {events.get(i).time() + random.nextInt(60), i});
    }
    order.sort(Comparator.comparingLong(o -> o[0]));
    List<Event> shuffled = new ArrayList<>();
    order.forEach(o -> shuffled.add(events.get((int) o[1])));
    return shuffled;
  }

  /**
   * Feeds the events, advancing both inputs' watermarks to just below the earliest time still to come,
   * so that no record is late; ends both inputs.
   */
  static void feed(TwoInputHarness<Left, Right, String> harness, List<Event> events, long seed) throws Exception {
    Random random = new Random(seed);
    long[] minAfter = new long[events.size() + 1];
    minAfter[events.size()] = Long.MAX_VALUE;
    for (int i = events.size() - 1; i >= 0; i--) {
      minAfter[i] = Math.min(events.get(i).time(), minAfter[i + 1]);
    }
    long watermark = Long.MIN_VALUE;
    for (int i = 0; i < events.size(); i++) {
      Event e = events.get(i);
      if (e.left()) {
        harness.processElement1(new Left(e.id(), e.key()), e.time());
      } else {
        harness.processElement2(new Right(e.id(), e.key()), e.time());
      }
      long next = minAfter[i + 1] - 1;
      if (random.nextInt(4) == 0 && next > watermark && next < Long.MAX_VALUE - 1) {
        watermark = next;
        harness.processWatermark1(watermark);
        harness.processWatermark2(watermark);
      }
    }
    harness.endInput();
  }

  static List<TimestampedValue<String>> bruteForceWindowJoin(List<Event> events, WindowAssigner<TimeWindow> assigner) {
    List<TimestampedValue<String>> expected = new ArrayList<>();
    for (Event l : events) {
      for (Event r : events) {
        if (!l.left() || r.left() || l.key() != r.key()) {
          continue;
        }
        for (TimeWindow w : assigner.assignWindows(l.time())) {
          if (w.start() <= r.time() && r.time() < w.end()) {
            expected.add(new TimestampedValue<>(pair(new Left(l.id(), l.key()), new Right(r.id(), r.key())), w.maxTimestamp()));
          }
        }
      }
    }
    return expected;
  }

  static List<TimestampedValue<String>> bruteForceIntervalJoin(List<Event> events, long lower, long upper) {
    List<TimestampedValue<String>> expected = new ArrayList<>();
    for (Event l : events) {
      for (Event r : events) {
        if (l.left() && !r.left() && l.key() == r.key() && r.time() >= l.time() + lower && r.time() <= l.time() + upper) {
          expected.add(new TimestampedValue<>(pair(new Left(l.id(), l.key()), new Right(r.id(), r.key())),
              Math.max(l.time(), r.time())));
        }
      }
    }
    return expected;
  }

  private static void checkWindowJoin(WindowAssigner<TimeWindow> assigner, long seed) throws Exception {
    List<Event> events = randomInput(seed, 400);
    var operator = new WindowJoinOperator<Integer, Left, Right, String, TimeWindow>(
        Left::key, Right::key, assigner, JoinOperatorsTest::pair);
    try (var harness = TwoInputHarness.forOperator(operator)) {
      harness.open();
      feed(harness, events, seed);
      List<TimestampedValue<String>> expected = bruteForceWindowJoin(events, assigner);
      assertThat(expected).hasSizeGreaterThan(100);
      assertThat(harness.extractOutputRecords()).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(operator.lateRecordsDropped()).isZero();
      assertThat(harness.numPendingEventTimeTimers()).isZero();
      assertThat(operator.keyedStateBackend().nonEmptyKeyGroups()).isEmpty();
    }
  }

  @Test
  void tumblingWindowJoinEqualsTheNestedLoop() throws Exception {
    checkWindowJoin(TumblingEventTimeWindows.of(Duration.ofMillis(100)), 42);
  }

  @Test
  void slidingWindowJoinEqualsTheNestedLoop() throws Exception {
    checkWindowJoin(SlidingEventTimeWindows.of(Duration.ofMillis(100), Duration.ofMillis(30)), 7);
  }

  @Test
  void windowJoinFiresOnTheMinimumWatermarkOfBothInputs() throws Exception {
    var operator = new WindowJoinOperator<Integer, Left, Right, String, TimeWindow>(
        Left::key, Right::key, TumblingEventTimeWindows.of(Duration.ofMillis(10)), JoinOperatorsTest::pair);
    try (var harness = TwoInputHarness.forOperator(operator)) {
      harness.open().processElement1(new Left(1, 0), 3).processElement2(new Right(2, 0), 8).processElement2(new Right(3, 1), 8);
      harness.processWatermark1(20);
      assertThat(harness.extractOutputValues()).isEmpty();
      harness.processWatermark2(9);
      assertThat(harness.extractOutputRecords()).containsExactly(new TimestampedValue<>("L1-R2", 9));
      harness.processElement1(new Left(4, 0), 5);
      assertThat(operator.lateRecordsDropped()).isEqualTo(1);
    }
  }

  @Test
  void windowJoinRejectsSessionWindows() {
    assertThatThrownBy(() -> new WindowJoinOperator<Integer, Left, Right, String, TimeWindow>(
        Left::key, Right::key, EventTimeSessionWindows.withGap(Duration.ofMillis(5)), JoinOperatorsTest::pair))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("session");
  }

  private static void checkIntervalJoin(long lower, long upper, long seed) throws Exception {
    List<Event> events = randomInput(seed, 400);
    var operator = new IntervalJoinOperator<Integer, Left, Right, String>(Left::key, Right::key, lower, upper, new PairJoin());
    try (var harness = TwoInputHarness.forOperator(operator)) {
      harness.open();
      feed(harness, events, seed);
      List<TimestampedValue<String>> expected = bruteForceIntervalJoin(events, lower, upper);
      assertThat(expected).hasSizeGreaterThan(50);
      assertThat(harness.extractOutputRecords()).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(operator.lateRecordsDropped()).isZero();
      assertThat(harness.numPendingEventTimeTimers()).isZero();
      assertThat(operator.keyedStateBackend().nonEmptyKeyGroups()).isEmpty();
    }
  }

  @Test
  void intervalJoinAroundTheLeftEqualsTheNestedLoop() throws Exception {
    checkIntervalJoin(-50, 30, 1);
  }

  @Test
  void intervalJoinEntirelyAfterTheLeftEqualsTheNestedLoop() throws Exception {
    checkIntervalJoin(10, 80, 2);
  }

  @Test
  void intervalJoinEntirelyBeforeTheLeftEqualsTheNestedLoop() throws Exception {
    checkIntervalJoin(-90, -20, 3);
  }

  @Test
  void intervalJoinDropsBufferedRecordsOnceTheWatermarkPassesTheirLastPartner() throws Exception {
    var operator = new IntervalJoinOperator<Integer, Left, Right, String>(Left::key, Right::key, -10, 20, new PairJoin());
    try (var harness = TwoInputHarness.forOperator(operator)) {
      harness.open().processElement1(new Left(1, 0), 100).processElement2(new Right(2, 0), 95);
      assertThat(harness.extractOutputRecords()).containsExactly(new TimestampedValue<>("L1-R2", 100));
      assertThat(harness.numPendingEventTimeTimers()).isEqualTo(2);
      harness.processWatermark1(104).processWatermark2(104);
      assertThat(harness.numPendingEventTimeTimers()).isEqualTo(2);
      harness.processWatermark1(105).processWatermark2(105);
      assertThat(harness.numPendingEventTimeTimers()).isEqualTo(1);
      harness.processElement2(new Right(3, 0), 120);
      assertThat(harness.extractOutputValues()).containsExactly("L1-R2", "L1-R3");
      harness.processWatermark1(130).processWatermark2(130);
      assertThat(harness.numPendingEventTimeTimers()).isZero();
      assertThat(operator.keyedStateBackend().nonEmptyKeyGroups()).isEmpty();
      harness.processElement2(new Right(4, 0), 125);
      assertThat(operator.lateRecordsDropped()).isEqualTo(1);
    }
  }

  @Test
  void intervalJoinNeedsTimestampsAndOrderedBounds() throws Exception {
    assertThatThrownBy(() -> new IntervalJoinOperator<Integer, Left, Right, String>(Left::key, Right::key, 5, 1, new PairJoin()))
        .hasMessageContaining("lower <= upper");
    var operator = new IntervalJoinOperator<Integer, Left, Right, String>(Left::key, Right::key, 0, 1, new PairJoin());
    try (var harness = TwoInputHarness.forOperator(operator)) {
      harness.open();
      assertThatThrownBy(() -> harness.processElement1(new Left(1, 0), Timestamps.NONE))
          .hasMessageContaining("assignTimestampsAndWatermarks");
    }
  }
}

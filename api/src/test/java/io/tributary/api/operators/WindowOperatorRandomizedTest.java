package io.tributary.api.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.functions.ReduceFunction;
import io.tributary.api.testing.OperatorHarness;
import io.tributary.api.testing.TimestampedValue;
import io.tributary.api.windowing.EventTimeSessionWindows;
import io.tributary.api.windowing.SlidingEventTimeWindows;
import io.tributary.api.windowing.TimeWindow;
import io.tributary.api.windowing.TumblingEventTimeWindows;
import io.tributary.api.windowing.WindowAssigner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Windows over randomized out-of-order input (fixed seeds) against results computed from the
 * definition: after every watermark, the output so far must be exactly the windows whose max
 * timestamp the watermark reached — none early, none missing, each with all its records.
 */
class WindowOperatorRandomizedTest {
  record Event(int key, long value) {}

  private static final ReduceFunction<Event> SUM = (a, b) -> new Event(a.key(), a.value() + b.value());

  record Timed(Event event, long time) {}

  static List<Timed> randomInput(long seed) {
    Random random = new Random(seed);
    List<Timed> events = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      events.add(new Timed(new Event(random.nextInt(4), 1L << random.nextInt(40)), random.nextInt(3_000)));
    }
    List<Timed> arrival = new ArrayList<>(events);
    Map<Timed, Integer> jitter = new IdentityHashMap<>();
    arrival.forEach(e -> jitter.put(e, random.nextInt(80)));
    arrival.sort(Comparator.comparingLong(e -> e.time() + jitter.get(e)));
    return arrival;
  }

  /** Expected sums for tumbling and sliding windows: (key, window) → sum. */
  static Map<String, TimestampedValue<Event>> expectedFixed(List<Timed> events, WindowAssigner<TimeWindow> assigner) {
    Map<String, TimestampedValue<Event>> expected = new TreeMap<>();
    for (Timed e : events) {
      for (TimeWindow w : assigner.assignWindows(e.time())) {
        expected.merge(e.event().key() + " " + w, new TimestampedValue<>(e.event(), w.maxTimestamp()),
            (a, b) -> new TimestampedValue<>(new Event(a.value().key(), a.value().value() + b.value().value()), a.timestamp()));
      }
    }
    return expected;
  }

  /** Expected sums for sessions: sort each key's times, split where the next time is a gap or more after the last. */
  static Map<String, TimestampedValue<Event>> expectedSessions(List<Timed> events, long gap) {
    Map<String, TimestampedValue<Event>> expected = new TreeMap<>();
    for (int key = 0; key < 4; key++) {
      int k = key;
      List<Timed> sorted = events.stream().filter(e -> e.event().key() == k).sorted(Comparator.comparingLong(Timed::time)).toList();
      int i = 0;
      while (i < sorted.size()) {
        long start = sorted.get(i).time();
        long last = start;
        long sum = 0;
        while (i < sorted.size() && sorted.get(i).time() < last + gap) {
          last = sorted.get(i).time();
          sum += sorted.get(i).event().value();
          i++;
        }
        TimeWindow w = new TimeWindow(start, last + gap);
        expected.put(key + " " + w, new TimestampedValue<>(new Event(key, sum), w.maxTimestamp()));
      }
    }
    return expected;
  }

  private static void check(WindowAssigner<TimeWindow> assigner, Map<String, TimestampedValue<Event>> expected,
      List<Timed> events, long seed) throws Exception {
    Random random = new Random(seed);
    long[] minAfter = new long[events.size() + 1];
    minAfter[events.size()] = Long.MAX_VALUE;
    for (int i = events.size() - 1; i >= 0; i--) {
      minAfter[i] = Math.min(events.get(i).time(), minAfter[i + 1]);
    }
    OneInputOperator<Event, Event> operator = WindowOperators.reduce(Event::key, assigner, Duration.ZERO, null, SUM, null);
    try (var harness = OperatorHarness.forOperator(operator)) {
      harness.open();
      long watermark = Long.MIN_VALUE;
      int watermarks = 0;
      for (int i = 0; i < events.size(); i++) {
        harness.processElement(events.get(i).event(), events.get(i).time());
        long next = minAfter[i + 1] - 1;
        if (random.nextInt(5) == 0 && next > watermark && i + 1 < events.size()) {
          watermark = next;
          harness.processWatermark(watermark);
          watermarks++;
          long reached = watermark;
          assertThat(harness.extractOutputRecords()).as("output at watermark %d", reached)
              .containsExactlyInAnyOrderElementsOf(expected.values().stream().filter(v -> v.timestamp() <= reached).toList());
        }
      }
      harness.endInput();
      assertThat(watermarks).isGreaterThan(20);
      assertThat(harness.extractOutputRecords()).containsExactlyInAnyOrderElementsOf(expected.values());
      assertThat(harness.numPendingEventTimeTimers()).isZero();
    }
  }

  @Test
  void tumblingWindowsMatchTheDefinitionAtEveryWatermark() throws Exception {
    List<Timed> events = randomInput(11);
    var assigner = TumblingEventTimeWindows.of(Duration.ofMillis(100));
    check(assigner, expectedFixed(events, assigner), events, 11);
  }

  @Test
  void slidingWindowsMatchTheDefinitionAtEveryWatermark() throws Exception {
    List<Timed> events = randomInput(12);
    var assigner = SlidingEventTimeWindows.of(Duration.ofMillis(100), Duration.ofMillis(25));
    check(assigner, expectedFixed(events, assigner), events, 12);
  }

  @Test
  void sessionWindowsMatchTheDefinitionAtEveryWatermark() throws Exception {
    List<Timed> events = randomInput(13);
    Map<String, TimestampedValue<Event>> expected = expectedSessions(events, 40);
    assertThat(expected.size()).isBetween(20, 400);
    check(EventTimeSessionWindows.withGap(Duration.ofMillis(40)), expected, events, 13);
  }
}

package io.tributary.api.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.functions.Collector;
import io.tributary.api.functions.KeyedProcessFunction;
import io.tributary.api.functions.OutputTag;
import io.tributary.api.functions.RuntimeContext;
import io.tributary.api.graph.KeyGroups;
import io.tributary.api.state.ValueState;
import io.tributary.api.state.ValueStateDescriptor;
import io.tributary.api.testing.OperatorHarness;
import io.tributary.api.testing.TimestampedValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyedProcessOperatorTest {
  record Event(String key, String command, long time) {}

  /** Counts per key in keyed state and follows timer commands: "event" / "processing" register, "delete" deletes. */
  static final class TimerFunction extends KeyedProcessFunction<String, Event, String> {
    private static final long serialVersionUID = 1L;
    final List<String> lifecycle = new ArrayList<>();
    private transient ValueState<Integer> count;

    @Override
    public void open(RuntimeContext context) {
      lifecycle.add("open " + context.operatorName() + " " + context.subtaskIndex() + "/" + context.parallelism());
      count = context.getState(new ValueStateDescriptor<>("count", 0));
    }

    @Override
    public void close() {
      lifecycle.add("close");
    }

    @Override
    public void processElement(Event value, Context ctx, Collector<String> out) {
      count.update(count.value() + 1);
      switch (value.command()) {
        case "event" -> ctx.timerService().registerEventTimeTimer(value.time());
        case "processing" -> ctx.timerService().registerProcessingTimeTimer(value.time());
        case "delete" -> ctx.timerService().deleteEventTimeTimer(value.time());
        default -> out.collect(ctx.getCurrentKey() + "=" + count.value() + "@" + ctx.timestamp());
      }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) {
      out.collect(ctx.timeDomain() + " " + ctx.getCurrentKey() + " " + timestamp + " count=" + count.value()
          + " wm=" + ctx.timerService().currentWatermark());
    }
  }

  @Test
  void keyedStateIsIsolatedPerKey() throws Exception {
    try (var harness = OperatorHarness.forKeyedProcess(Event::key, new TimerFunction())) {
      harness.open();
      harness.processElement(new Event("a", "emit", 0), 10);
      harness.processElement(new Event("b", "emit", 0), 11);
      harness.processElement(new Event("a", "emit", 0), 12);
      harness.processElement(new Event("a", "emit", 0));
      assertThat(harness.extractOutputRecords()).containsExactly(
          new TimestampedValue<>("a=1@10", 10), new TimestampedValue<>("b=1@11", 11),
          new TimestampedValue<>("a=2@12", 12), new TimestampedValue<>("a=3@null", Timestamps.NONE));
    }
  }

  @Test
  void eventTimeTimersDeduplicateDeleteAndFireInTimeOrderWithTheirKey() throws Exception {
    try (var harness = OperatorHarness.forKeyedProcess(Event::key, new TimerFunction())) {
      harness.open();
      harness.processElement(new Event("a", "event", 30), 1);
      harness.processElement(new Event("a", "event", 30), 2);
      harness.processElement(new Event("b", "event", 20), 3);
      harness.processElement(new Event("c", "event", 25), 4);
      harness.processElement(new Event("b", "event", 40), 5);
      harness.processElement(new Event("c", "delete", 25), 6);
      assertThat(harness.numPendingEventTimeTimers()).isEqualTo(3);

      harness.processWatermark(19);
      assertThat(harness.extractOutputValues()).isEmpty();
      harness.processWatermark(30);
      assertThat(harness.extractOutputRecords()).containsExactly(
          new TimestampedValue<>("EVENT_TIME b 20 count=2 wm=30", 20),
          new TimestampedValue<>("EVENT_TIME a 30 count=2 wm=30", 30));
      assertThat(harness.watermarks()).containsExactly(19L, 30L);
      assertThat(harness.numPendingEventTimeTimers()).isEqualTo(1);

      harness.clearOutput().endInput();
      assertThat(harness.extractOutputValues()).containsExactly("EVENT_TIME b 40 count=2 wm=" + Long.MAX_VALUE);
      assertThat(harness.numPendingEventTimeTimers()).isZero();
    }
  }

  @Test
  void processingTimeTimersFireWhenTheClockReachesThemAndCarryNoTimestamp() throws Exception {
    try (var harness = OperatorHarness.forKeyedProcess(Event::key, new TimerFunction())) {
      harness.open().setProcessingTime(100);
      harness.processElement(new Event("a", "processing", 150), 1);
      harness.processElement(new Event("b", "processing", 120), 2);
      harness.processElement(new Event("b", "processing", 120), 3);
      assertThat(harness.numPendingProcessingTimeTimers()).isEqualTo(2);
      harness.advanceProcessingTime(Duration.ofMillis(19));
      assertThat(harness.extractOutputValues()).isEmpty();
      harness.advanceProcessingTime(Duration.ofMillis(1));
      assertThat(harness.extractOutputRecords())
          .containsExactly(new TimestampedValue<>("PROCESSING_TIME b 120 count=2 wm=" + Long.MIN_VALUE, Timestamps.NONE));
      harness.setProcessingTime(1_000);
      assertThat(harness.extractOutputValues()).hasSize(2).last().asString().startsWith("PROCESSING_TIME a 150 count=1");
      assertThat(harness.numPendingProcessingTimeTimers()).isZero();
    }
  }

  @Test
  void timersRegisteredForAPassedTimeFireWithTheNextWatermark() throws Exception {
    try (var harness = OperatorHarness.forKeyedProcess(Event::key, new TimerFunction())) {
      harness.open().processWatermark(50);
      harness.processElement(new Event("a", "event", 10), 60);
      assertThat(harness.extractOutputValues()).isEmpty();
      harness.processWatermark(51);
      assertThat(harness.extractOutputValues()).containsExactly("EVENT_TIME a 10 count=1 wm=51");
    }
  }

  @Test
  void richFunctionsAreOpenedWithTheSubtaskAndClosed() throws Exception {
    TimerFunction function = new TimerFunction();
    var harness = OperatorHarness.forKeyedProcess(Event::key, function).withParallelism(4, 2).withOperatorName("counter");
    harness.open();
    harness.close();
    harness.close();
    assertThat(function.lifecycle).containsExactly("open counter 2/4", "close");
  }

  @Test
  void aKeyThatBelongsToAnotherSubtaskFails() throws Exception {
    try (var harness = OperatorHarness.forKeyedProcess(Event::key, new TimerFunction()).withParallelism(2, 0)) {
      harness.open();
      String foreign = "k0";
      for (int i = 1; KeyGroups.subtaskForKey(foreign, 128, 2) == 0; i++) {
        foreign = "k" + i;
      }
      Event event = new Event(foreign, "emit", 0);
      assertThatThrownBy(() -> harness.processElement(event, 1))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("outside this subtask's key groups");
    }
  }

  @Test
  void sideOutputsCarryTheRecordsTimestamp() throws Exception {
    OutputTag<String> odd = new OutputTag<>("odd");
    var function = new KeyedProcessFunction<Integer, Integer, Integer>() {
      private static final long serialVersionUID = 1L;

      @Override
      public void processElement(Integer value, Context ctx, Collector<Integer> out) {
        if (value % 2 == 0) {
          out.collect(value);
        } else {
          ctx.output(odd, "odd " + value);
        }
      }
    };
    try (var harness = OperatorHarness.forKeyedProcess((Integer v) -> v, function)) {
      harness.open().processElement(1, 100).processElement(2, 200);
      assertThat(harness.extractOutputValues()).containsExactly(2);
      assertThat(harness.sideOutputRecords(odd)).containsExactly(new TimestampedValue<>("odd 1", 100));
    }
  }
}

package io.tributary.api.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.functions.Collector;
import io.tributary.api.functions.KeyedProcessFunction;
import io.tributary.api.functions.MapFunction;
import io.tributary.api.functions.ProcessJoinFunction;
import io.tributary.api.functions.ReduceFunction;
import io.tributary.api.operators.IntervalJoinOperator;
import io.tributary.api.operators.MapOperator;
import io.tributary.api.operators.WindowOperators;
import io.tributary.api.windowing.TimeWindow;
import io.tributary.api.windowing.TumblingEventTimeWindows;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OperatorHarnessTest {
  /** Not serializable: a function holding it cannot travel in a job plan. */
  static final class Connection {}

  static final class HoldsConnection implements MapFunction<String, String> {
    private static final long serialVersionUID = 1L;
    @SuppressWarnings("serial")
    private final Connection connection = new Connection();

    @Override
    public String map(String value) {
      return value + connection.hashCode();
    }
  }

  static final class Join extends ProcessJoinFunction<String, String, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(String left, String right, Context ctx, Collector<String> out) {
      out.collect(left + right);
    }
  }

  @Test
  void aSerializedCopyRunsLikeTheOriginal() throws Exception {
    ReduceFunction<String> concat = (a, b) -> a + b;
    var operator = WindowOperators.<String, String, String, TimeWindow>reduce(
        s -> s.substring(0, 1), TumblingEventTimeWindows.of(Duration.ofMillis(10)), Duration.ZERO, null, concat, null);
    try (var harness = OperatorHarness.forSerializedCopy(operator)) {
      harness.open().processElement("a1", 1).processElement("a2", 2).processWatermark(9);
      assertThat(harness.operator()).isNotSameAs(operator);
      assertThat(harness.extractOutputRecords()).containsExactly(new TimestampedValue<>("a1a2", 9));
    }
    var join = new IntervalJoinOperator<String, String, String, String>(s -> s, s -> s, 0, 5, new Join());
    try (var harness = TwoInputHarness.forSerializedCopy(join)) {
      harness.open().processElement1("k", 1).processElement2("k", 3);
      assertThat(harness.extractOutputValues()).containsExactly("kk");
    }
  }

  @Test
  void aFunctionThatCannotBeSerializedFailsNamingTheField() {
    assertThatThrownBy(() -> OperatorHarness.forSerializedCopy(
        new MapOperator<>(new HoldsConnection())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Connection.class.getName()).hasMessageContaining("not serializable");
  }

  @Test
  void theHarnessEnforcesItsLifecycle() throws Exception {
    var harness = OperatorHarness.forMap((String s) -> s);
    assertThatThrownBy(() -> harness.processElement("x")).hasMessageContaining("call open()");
    harness.open();
    assertThatThrownBy(() -> harness.withParallelism(2, 0)).hasMessageContaining("before open()");
    harness.close();
    assertThatThrownBy(() -> harness.processElement("x")).hasMessageContaining("closed");
  }

  @Test
  void processingTimeNeverGoesBackAndTheContextClockFollowsIt() throws Exception {
    var function = new KeyedProcessFunction<String, String, Long>() {
      private static final long serialVersionUID = 1L;

      @Override
      public void processElement(String value, Context ctx, Collector<Long> out) {
        out.collect(ctx.timerService().currentProcessingTime());
      }
    };
    try (var harness = OperatorHarness.forKeyedProcess((String s) -> s, function)) {
      harness.open().setProcessingTime(1_000).advanceProcessingTime(Duration.ofSeconds(2)).processElement("x");
      assertThat(harness.extractOutputValues()).containsExactly(3_000L);
      assertThatThrownBy(() -> harness.setProcessingTime(5)).hasMessageContaining("cannot go back");
    }
  }

  @Test
  void theKeyGroupRangeFollowsTheConfiguredSubtask() {
    var context = new HarnessContext("op", 4, 3, 128, new ManualProcessingTimeService(0));
    assertThat(context.keyGroupRange().start()).isEqualTo(96);
    assertThat(context.keyGroupRange().end()).isEqualTo(127);
    assertThat(context.clock().millis()).isZero();
    assertThatThrownBy(() -> new HarnessContext("op", 2, 2, 128, new ManualProcessingTimeService(0)))
        .hasMessageContaining("subtask < parallelism");
  }

  @Test
  void manualProcessingTimeRunsCallbacksInTimeOrderAndSkipsCanceledOnes() throws Exception {
    var time = new ManualProcessingTimeService(0);
    StringBuilder fired = new StringBuilder();
    time.registerTimer(20, t -> fired.append("20 "));
    time.registerTimer(10, t -> {
      fired.append("10 ");
      time.registerTimer(15, t2 -> fired.append("15 "));
    });
    time.registerTimer(12, t -> fired.append("12 ")).cancel();
    time.setCurrentTime(30);
    assertThat(fired.toString()).isEqualTo("10 15 20 ");
    assertThat(time.numPendingCallbacks()).isZero();
  }
}

package io.tributary.api.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.functions.Collector;
import io.tributary.api.functions.CoProcessFunction;
import io.tributary.api.functions.KeyedCoProcessFunction;
import io.tributary.api.functions.RuntimeContext;
import io.tributary.api.state.ValueState;
import io.tributary.api.state.ValueStateDescriptor;
import io.tributary.api.testing.TimestampedValue;
import io.tributary.api.testing.TwoInputHarness;
import org.junit.jupiter.api.Test;

class TwoInputOperatorsTest {
  record Order(String id, int amount) {}

  record Payment(String orderId) {}

  static final class Echo extends CoProcessFunction<String, Integer, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processElement1(String value, Context ctx, Collector<String> out) {
      out.collect("1:" + value);
    }

    @Override
    public void processElement2(Integer value, Context ctx, Collector<String> out) {
      out.collect("2:" + value + "@" + ctx.timestamp());
    }
  }

  /** Emits an order once its payment arrived; reports unpaid orders when event time passes order time + 100. */
  static final class PaymentMatcher extends KeyedCoProcessFunction<String, Order, Payment, String> {
    private static final long serialVersionUID = 1L;
    private transient ValueState<Order> pending;

    @Override
    public void open(RuntimeContext context) {
      pending = context.getState(new ValueStateDescriptor<>("pending"));
    }

    @Override
    public void processElement1(Order order, Context ctx, Collector<String> out) {
      pending.update(order);
      ctx.timerService().registerEventTimeTimer(ctx.timestamp() + 100);
    }

    @Override
    public void processElement2(Payment payment, Context ctx, Collector<String> out) {
      Order order = pending.value();
      if (order != null) {
        out.collect("paid " + order.id() + " " + order.amount());
        pending.clear();
      }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) {
      if (pending.value() != null) {
        out.collect("unpaid " + ctx.getCurrentKey() + " at " + timestamp);
      }
    }
  }

  @Test
  void watermarkIsTheMinimumOfBothInputs() throws Exception {
    try (var harness = TwoInputHarness.forCoProcess(new Echo())) {
      harness.open();
      harness.processWatermark1(10);
      assertThat(harness.watermarks()).isEmpty();
      harness.processWatermark2(5);
      harness.processWatermark1(20);
      harness.processWatermark2(30);
      harness.processWatermark2(40);
      assertThat(harness.watermarks()).containsExactly(5L, 20L);
    }
  }

  @Test
  void anIdleInputDoesNotHoldBackTheWatermark() throws Exception {
    try (var harness = TwoInputHarness.forCoProcess(new Echo())) {
      harness.open();
      harness.processWatermark1(10).processWatermark2(5);
      harness.processIdle(2, true);
      assertThat(harness.watermarks()).containsExactly(5L, 10L);
      harness.processWatermark1(25);
      assertThat(harness.watermarks()).containsExactly(5L, 10L, 25L);
      assertThat(harness.idleChanges()).isEmpty();

      harness.processIdle(1, true);
      assertThat(harness.idleChanges()).containsExactly(true);
      harness.processWatermark2(30);
      assertThat(harness.idleChanges()).containsExactly(true, false);
      assertThat(harness.watermarks()).containsExactly(5L, 10L, 25L, 30L);
      harness.processIdle(1, false);
      harness.processWatermark2(50);
      assertThat(harness.watermarks()).containsExactly(5L, 10L, 25L, 30L);
      harness.processWatermark1(45);
      assertThat(harness.watermarks()).containsExactly(5L, 10L, 25L, 30L, 45L);
    }
  }

  @Test
  void coProcessSeesBothInputsWithTheirTimestamps() throws Exception {
    try (var harness = TwoInputHarness.forCoProcess(new Echo())) {
      harness.open().processElement1("a", 1).processElement2(7, 2);
      assertThat(harness.extractOutputRecords())
          .containsExactly(new TimestampedValue<>("1:a", 1), new TimestampedValue<>("2:7@2", 2));
    }
  }

  @Test
  void keyedCoProcessSharesStateAndTimersOfAKeyAcrossInputs() throws Exception {
    try (var harness = TwoInputHarness.forKeyedCoProcess(Order::id, Payment::orderId, new PaymentMatcher())) {
      harness.open();
      harness.processElement1(new Order("o1", 10), 1_000);
      harness.processElement1(new Order("o2", 20), 1_010);
      harness.processElement2(new Payment("o1"), 1_050);
      assertThat(harness.extractOutputRecords()).containsExactly(new TimestampedValue<>("paid o1 10", 1_050));
      harness.processWatermark1(1_200);
      assertThat(harness.extractOutputValues()).containsExactly("paid o1 10");
      harness.processWatermark2(1_110);
      assertThat(harness.extractOutputRecords()).containsExactly(new TimestampedValue<>("paid o1 10", 1_050),
          new TimestampedValue<>("unpaid o2 at 1110", 1_110));
      assertThat(harness.numPendingEventTimeTimers()).isZero();
    }
  }
}

package io.tributary.api.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.functions.AggregateFunction;
import io.tributary.api.functions.Collector;
import io.tributary.api.functions.ProcessFunction;
import io.tributary.api.functions.RuntimeContext;
import io.tributary.api.state.ValueStateDescriptor;
import io.tributary.api.testing.OperatorHarness;
import io.tributary.api.testing.TimestampedValue;
import org.junit.jupiter.api.Test;

class ProcessAndRollingOperatorsTest {
  record Sale(String shop, int amount) {}

  @Test
  void processFunctionSeesTimestampsAndTimesButCannotUseTimers() throws Exception {
    var function = new ProcessFunction<Integer, String>() {
      private static final long serialVersionUID = 1L;

      @Override
      public void processElement(Integer value, Context ctx, Collector<String> out) {
        if (value < 0) {
          ctx.timerService().registerEventTimeTimer(1);
        }
        out.collect(value + "@" + ctx.timestamp() + " now=" + ctx.timerService().currentProcessingTime());
      }
    };
    try (var harness = OperatorHarness.forProcess(function)) {
      harness.open().setProcessingTime(7);
      harness.processElement(1, 5).processElement(2).processWatermark(9).processIdle(true);
      assertThat(harness.extractOutputRecords()).containsExactly(
          new TimestampedValue<>("1@5 now=7", 5), new TimestampedValue<>("2@null now=7", Timestamps.NONE));
      assertThat(harness.watermarks()).containsExactly(9L);
      assertThat(harness.idleChanges()).containsExactly(true);
      assertThatThrownBy(() -> harness.processElement(-1, 1))
          .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("timers need a keyed stream");
    }
  }

  @Test
  void keyedStateOnANonKeyedStreamFailsNamingKeyBy() {
    var function = new ProcessFunction<Integer, Integer>() {
      private static final long serialVersionUID = 1L;

      @Override
      public void open(RuntimeContext context) {
        context.getState(new ValueStateDescriptor<Integer>("total"));
      }

      @Override
      public void processElement(Integer value, Context ctx, Collector<Integer> out) {}
    };
    assertThatThrownBy(() -> OperatorHarness.forProcess(function).open())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("state 'total'").hasMessageContaining("keyBy");
  }

  @Test
  void rollingReduceEmitsTheUpdatedValuePerKeyWithTheRecordsTimestamp() throws Exception {
    var reduce = new KeyedReduceOperator<String, Sale>(Sale::shop, (a, b) -> new Sale(a.shop(), a.amount() + b.amount()));
    try (var harness = OperatorHarness.forOperator(reduce)) {
      harness.open();
      harness.processElement(new Sale("x", 1), 10).processElement(new Sale("y", 5), 11)
          .processElement(new Sale("x", 2), 12).processElement(new Sale("x", 3), 13);
      assertThat(harness.extractOutputRecords()).containsExactly(
          new TimestampedValue<>(new Sale("x", 1), 10), new TimestampedValue<>(new Sale("y", 5), 11),
          new TimestampedValue<>(new Sale("x", 3), 12), new TimestampedValue<>(new Sale("x", 6), 13));
    }
  }

  @Test
  void rollingAggregateKeepsAnAccumulatorPerKey() throws Exception {
    AggregateFunction<Sale, long[], Double> average = new AggregateFunction<>() {
      private static final long serialVersionUID = 1L;

      @Override
      public long[] createAccumulator() {
        return new long[2];
      }

      @Override
      public long[] add(Sale value, long[] acc) {
        return new long[] {acc[0] + value.amount(), acc[1] + 1};
      }

      @Override
      public Double getResult(long[] acc) {
        return (double) acc[0] / acc[1];
      }

      @Override
      public long[] merge(long[] a, long[] b) {
        return new long[] {a[0] + b[0], a[1] + b[1]};
      }
    };
    try (var harness = OperatorHarness.forOperator(new KeyedAggregateOperator<>(Sale::shop, average))) {
      harness.open();
      harness.processElement(new Sale("x", 2), 1).processElement(new Sale("y", 10), 2).processElement(new Sale("x", 4), 3);
      assertThat(harness.extractOutputValues()).containsExactly(2.0, 10.0, 3.0);
    }
  }

  @Test
  void mapHarnessRunsTheMapOperator() throws Exception {
    try (var harness = OperatorHarness.forMap((Integer v) -> v * 10)) {
      harness.open().processElement(4, 40);
      assertThat(harness.extractOutputRecords()).containsExactly(new TimestampedValue<>(40, 40));
    }
  }
}

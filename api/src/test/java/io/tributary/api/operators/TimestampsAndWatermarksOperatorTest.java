package io.tributary.api.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.fakes.FakeOperatorContext;
import io.tributary.api.fakes.RecordingOutput;
import io.tributary.api.fakes.RecordingOutput.Event;
import io.tributary.api.time.WatermarkStrategy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimestampsAndWatermarksOperatorTest {
  private final FakeOperatorContext context = new FakeOperatorContext(0, 1);
  private final RecordingOutput<Long> out = new RecordingOutput<>();

  @Test
  void assignsTimestampsAndEmitsPeriodically() throws Exception {
    TimestampsAndWatermarksOperator<Long> operator = new TimestampsAndWatermarksOperator<>(
        WatermarkStrategy.<Long>forBoundedOutOfOrderness(Duration.ofMillis(10))
            .withTimestampAssigner((value, previous) -> value));
    operator.open(context, out);

    operator.processElement(1_000L, Timestamps.NONE);
    operator.processElement(1_050L, 3);
    assertThat(out.watermarks()).as("nothing before the first period").isEmpty();

    context.advance(WatermarkStrategy.PERIODIC_INTERVAL_MS);
    operator.processElement(1_020L, 3);
    context.advance(WatermarkStrategy.PERIODIC_INTERVAL_MS);
    operator.processElement(1_200L, 3);
    context.advance(WatermarkStrategy.PERIODIC_INTERVAL_MS);

    assertThat(out.events()).containsExactly(
        Event.record(1_000L, 1_000),
        Event.record(1_050L, 1_050),
        Event.watermark(1_039),
        Event.record(1_020L, 1_020),
        // The second period emits nothing: the watermark did not advance.
        Event.record(1_200L, 1_200),
        Event.watermark(1_189));
  }

  @Test
  void dropsUpstreamWatermarksButForwardsTheEndOfInput() throws Exception {
    TimestampsAndWatermarksOperator<Long> operator =
        new TimestampsAndWatermarksOperator<>(WatermarkStrategy.forMonotonousTimestamps());
    operator.open(context, out);

    operator.processWatermark(500);
    operator.processElement(7L, 100);
    operator.processWatermark(Long.MAX_VALUE);

    assertThat(out.events()).containsExactly(Event.record(7L, 100), Event.watermark(Long.MAX_VALUE));
    assertThat(context.pendingTimers()).as("periodic emission stops at the end of input").isZero();
  }

  @Test
  void idlenessFromTheGeneratorIsForwardedOnce() throws Exception {
    TimestampsAndWatermarksOperator<Long> operator = new TimestampsAndWatermarksOperator<>(
        WatermarkStrategy.<Long>forMonotonousTimestamps().withIdleness(Duration.ofMillis(500)));
    operator.open(context, out);

    operator.processElement(1L, 1);
    context.advance(1_000);
    operator.processElement(2L, 2);
    operator.close();

    assertThat(out.events()).containsExactly(
        Event.record(1L, 1), Event.watermark(0), Event.idle(true), Event.idle(false), Event.record(2L, 2));
    assertThat(context.pendingTimers()).isZero();
  }
}

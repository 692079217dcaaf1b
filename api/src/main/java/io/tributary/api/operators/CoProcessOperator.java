package io.tributary.api.operators;

import io.tributary.api.functions.CoProcessFunction;
import io.tributary.api.functions.Function;
import io.tributary.api.functions.OutputTag;
import io.tributary.api.time.TimerService;

/**
 * Runs a {@link CoProcessFunction} over two non-keyed inputs; timers need a keyed stream. Confined
 * to the subtask's thread.
 */
public final class CoProcessOperator<IN1, IN2, OUT> extends AbstractTwoInputOperator<IN1, IN2, OUT> {
  private static final long serialVersionUID = 1L;

  private final CoProcessFunction<IN1, IN2, OUT> function;
  private transient TimestampedCollector<OUT> collector;
  private transient CoProcessFunction<IN1, IN2, OUT>.Context ctx;

  public CoProcessOperator(CoProcessFunction<IN1, IN2, OUT> function) {
    this.function = function;
  }

  @Override
  protected Function userFunction() {
    return function;
  }

  @Override
  public void open(OperatorContext context, Output<OUT> output) throws Exception {
    super.open(context, output);
    collector = new TimestampedCollector<>(output);
    TimerService timers = new NonKeyedTimerService(this);
    ctx = function.new Context() {
      @Override
      public Long timestamp() {
        long ts = collector.timestamp();
        return ts == Timestamps.NONE ? null : ts;
      }

      @Override
      public TimerService timerService() {
        return timers;
      }

      @Override
      public <X> void output(OutputTag<X> tag, X value) {
        output.collect(tag, value, collector.timestamp());
      }
    };
  }

  @Override
  public void processElement1(IN1 value, long timestamp) throws Exception {
    collector.setTimestamp(timestamp);
    function.processElement1(value, ctx, collector);
  }

  @Override
  public void processElement2(IN2 value, long timestamp) throws Exception {
    collector.setTimestamp(timestamp);
    function.processElement2(value, ctx, collector);
  }
}

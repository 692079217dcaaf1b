package io.tributary.api.operators;

import io.tributary.api.functions.Function;
import io.tributary.api.functions.OutputTag;
import io.tributary.api.functions.ProcessFunction;
import io.tributary.api.time.TimerService;

/**
 * Runs a {@link ProcessFunction} on a non-keyed stream: each record with its timestamp, side outputs,
 * current times; registering a timer fails because timers need a key. Confined to the subtask's thread.
 */
public final class ProcessOperator<IN, OUT> extends AbstractStreamOperator<OUT> implements OneInputOperator<IN, OUT> {
  private static final long serialVersionUID = 1L;

  private final ProcessFunction<IN, OUT> function;
  private transient TimestampedCollector<OUT> collector;
  private transient ProcessFunction<IN, OUT>.Context ctx;

  public ProcessOperator(ProcessFunction<IN, OUT> function) {
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
        ProcessOperator.this.output().collect(tag, value, collector.timestamp());
      }
    };
  }

  @Override
  public void processElement(IN value, long timestamp) throws Exception {
    collector.setTimestamp(timestamp);
    function.processElement(value, ctx, collector);
  }
}

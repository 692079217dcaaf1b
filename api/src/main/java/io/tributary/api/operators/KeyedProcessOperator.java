package io.tributary.api.operators;

import io.tributary.api.functions.Function;
import io.tributary.api.functions.KeySelector;
import io.tributary.api.functions.KeyedProcessFunction;
import io.tributary.api.functions.OutputTag;
import io.tributary.api.time.TimeDomain;
import io.tributary.api.time.TimerService;

/**
 * Runs a {@link KeyedProcessFunction}: sets each record's key as the current key for state and
 * timers, and calls {@code onTimer} with the timer's key. Records emitted from an event-time timer
 * carry the timer's time; from a processing-time timer they carry none, since processing time is
 * not event time. Confined to the subtask's thread.
 */
public final class KeyedProcessOperator<K, IN, OUT> extends AbstractStreamOperator<OUT> implements OneInputOperator<IN, OUT> {
  private static final long serialVersionUID = 1L;

  private final KeySelector<IN, K> keySelector;
  private final KeyedProcessFunction<K, IN, OUT> function;
  private transient TimestampedCollector<OUT> collector;
  private transient KeyedProcessFunction<K, IN, OUT>.Context ctx;
  private transient TimerContext timerCtx;

  public KeyedProcessOperator(KeySelector<IN, K> keySelector, KeyedProcessFunction<K, IN, OUT> function) {
    this.keySelector = keySelector;
    this.function = function;
  }

  @Override
  protected boolean isKeyed() {
    return true;
  }

  @Override
  protected Function userFunction() {
    return function;
  }

  @Override
  public void open(OperatorContext context, Output<OUT> output) throws Exception {
    super.open(context, output);
    collector = new TimestampedCollector<>(output);
    TimerService timers = new KeyedTimerService(this);
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
        KeyedProcessOperator.this.output().collect(tag, value, collector.timestamp());
      }

      @Override
      @SuppressWarnings("unchecked")
      public K getCurrentKey() {
        return (K) currentKey();
      }
    };
    timerCtx = new TimerContext(timers);
  }

  @Override
  public void processElement(IN value, long timestamp) throws Exception {
    setCurrentKey(keySelector.getKey(value));
    collector.setTimestamp(timestamp);
    function.processElement(value, ctx, collector);
  }

  @Override
  public void onEventTime(InternalTimer timer) throws Exception {
    fire(timer, TimeDomain.EVENT_TIME, timer.time());
  }

  @Override
  public void onProcessingTime(InternalTimer timer) throws Exception {
    fire(timer, TimeDomain.PROCESSING_TIME, Timestamps.NONE);
  }

  private void fire(InternalTimer timer, TimeDomain domain, long outputTimestamp) throws Exception {
    collector.setTimestamp(outputTimestamp);
    timerCtx.domain = domain;
    timerCtx.time = timer.time();
    function.onTimer(timer.time(), timerCtx, collector);
  }

  /** The context of {@code onTimer}: its timestamp is the timer's time. */
  private final class TimerContext extends KeyedProcessFunction<K, IN, OUT>.OnTimerContext {
    private final TimerService timers;
    private TimeDomain domain;
    private long time;

    TimerContext(TimerService timers) {
      function.super();
      this.timers = timers;
    }

    @Override
    public TimeDomain timeDomain() {
      return domain;
    }

    @Override
    public Long timestamp() {
      return time;
    }

    @Override
    public TimerService timerService() {
      return timers;
    }

    @Override
    public <X> void output(OutputTag<X> tag, X value) {
      KeyedProcessOperator.this.output().collect(tag, value, collector.timestamp());
    }

    @Override
    @SuppressWarnings("unchecked")
    public K getCurrentKey() {
      return (K) currentKey();
    }
  }
}

package io.tributary.api.operators;

import io.tributary.api.functions.Function;
import io.tributary.api.functions.KeySelector;
import io.tributary.api.functions.KeyedCoProcessFunction;
import io.tributary.api.functions.OutputTag;
import io.tributary.api.time.TimeDomain;
import io.tributary.api.time.TimerService;

/**
 * Runs a {@link KeyedCoProcessFunction}: both inputs share the keyed state and timers of a key.
 * Timer output carries the timer's time for event time and none for processing time. Confined to
 * the subtask's thread.
 */
public final class KeyedCoProcessOperator<K, IN1, IN2, OUT> extends AbstractTwoInputOperator<IN1, IN2, OUT> {
  private static final long serialVersionUID = 1L;

  private final KeySelector<IN1, K> keySelector1;
  private final KeySelector<IN2, K> keySelector2;
  private final KeyedCoProcessFunction<K, IN1, IN2, OUT> function;
  private transient TimestampedCollector<OUT> collector;
  private transient TimerContext ctx;

  public KeyedCoProcessOperator(KeySelector<IN1, K> keySelector1, KeySelector<IN2, K> keySelector2,
      KeyedCoProcessFunction<K, IN1, IN2, OUT> function) {
    this.keySelector1 = keySelector1;
    this.keySelector2 = keySelector2;
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
    ctx = new TimerContext(new KeyedTimerService(this));
  }

  @Override
  public void processElement1(IN1 value, long timestamp) throws Exception {
    setCurrentKey(keySelector1.getKey(value));
    ctx.enter(null, timestamp);
    function.processElement1(value, ctx, collector);
  }

  @Override
  public void processElement2(IN2 value, long timestamp) throws Exception {
    setCurrentKey(keySelector2.getKey(value));
    ctx.enter(null, timestamp);
    function.processElement2(value, ctx, collector);
  }

  @Override
  public void onEventTime(InternalTimer timer) throws Exception {
    ctx.enter(TimeDomain.EVENT_TIME, timer.time());
    collector.setTimestamp(timer.time());
    function.onTimer(timer.time(), ctx, collector);
  }

  @Override
  public void onProcessingTime(InternalTimer timer) throws Exception {
    ctx.enter(TimeDomain.PROCESSING_TIME, timer.time());
    collector.setTimestamp(Timestamps.NONE);
    function.onTimer(timer.time(), ctx, collector);
  }

  /** One context for records and timers: a record's context is an OnTimerContext without a domain. */
  private final class TimerContext extends KeyedCoProcessFunction<K, IN1, IN2, OUT>.OnTimerContext {
    private final TimerService timers;
    private TimeDomain domain;
    private long time;

    TimerContext(TimerService timers) {
      function.super();
      this.timers = timers;
    }

    void enter(TimeDomain domain, long time) {
      this.domain = domain;
      this.time = time;
      collector.setTimestamp(time);
    }

    @Override
    public TimeDomain timeDomain() {
      return domain;
    }

    @Override
    public Long timestamp() {
      return time == Timestamps.NONE ? null : time;
    }

    @Override
    public TimerService timerService() {
      return timers;
    }

    @Override
    public <X> void output(OutputTag<X> tag, X value) {
      KeyedCoProcessOperator.this.output().collect(tag, value, collector.timestamp());
    }

    @Override
    @SuppressWarnings("unchecked")
    public K getCurrentKey() {
      return (K) currentKey();
    }
  }
}

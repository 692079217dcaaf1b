package io.tributary.api.functions;

import io.tributary.api.time.TimeDomain;
import io.tributary.api.time.TimerService;

/**
 * A process function on a keyed stream: keyed state through {@link RuntimeContext} and timers per
 * key. {@link #onTimer} runs with the timer's key as the current key.
 */
public abstract class KeyedProcessFunction<K, I, O> implements RichFunction {
  private static final long serialVersionUID = 1L;

  public abstract void processElement(I value, Context ctx, Collector<O> out) throws Exception;

  /** Called when a timer registered through {@link TimerService} fires; output records carry {@code timestamp}. */
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<O> out) throws Exception {}

  public abstract class Context {
    public abstract Long timestamp();

    public abstract TimerService timerService();

    public abstract <X> void output(OutputTag<X> tag, X value);

    public abstract K getCurrentKey();
  }

  public abstract class OnTimerContext extends Context {
    public abstract TimeDomain timeDomain();
  }
}

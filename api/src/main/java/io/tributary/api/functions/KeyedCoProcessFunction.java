package io.tributary.api.functions;

import io.tributary.api.time.TimeDomain;
import io.tributary.api.time.TimerService;

/**
 * Processes two streams keyed by the same key type in one operator: keyed state and timers are
 * shared by both inputs for a key (the building block of enrichment joins).
 */
public abstract class KeyedCoProcessFunction<K, I1, I2, O> implements RichFunction {
  private static final long serialVersionUID = 1L;

  public abstract void processElement1(I1 value, Context ctx, Collector<O> out) throws Exception;

  public abstract void processElement2(I2 value, Context ctx, Collector<O> out) throws Exception;

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

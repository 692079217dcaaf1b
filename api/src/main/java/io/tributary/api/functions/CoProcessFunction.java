package io.tributary.api.functions;

import io.tributary.api.time.TimerService;

/** Processes two connected streams of possibly different types in one subtask, sharing its fields. */
public abstract class CoProcessFunction<I1, I2, O> implements RichFunction {
  private static final long serialVersionUID = 1L;

  public abstract void processElement1(I1 value, Context ctx, Collector<O> out) throws Exception;

  public abstract void processElement2(I2 value, Context ctx, Collector<O> out) throws Exception;

  public abstract class Context {
    public abstract Long timestamp();

    public abstract TimerService timerService();

    public abstract <X> void output(OutputTag<X> tag, X value);
  }
}

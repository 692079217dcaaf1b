package io.tributary.api.functions;

import io.tributary.api.time.TimerService;

/**
 * The lowest-level one-input function: sees each record with its timestamp and may emit to side
 * outputs. On a non-keyed stream only the current time may be read; timers need a keyed stream
 * ({@link KeyedProcessFunction}).
 */
public abstract class ProcessFunction<I, O> implements RichFunction {
  private static final long serialVersionUID = 1L;

  public abstract void processElement(I value, Context ctx, Collector<O> out) throws Exception;

  /** Context of one record. */
  public abstract class Context {
    /** The record's timestamp, or {@code null} when it has none. */
    public abstract Long timestamp();

    public abstract TimerService timerService();

    public abstract <X> void output(OutputTag<X> tag, X value);
  }
}

package io.tributary.api.functions;

import io.tributary.api.windowing.Window;

/**
 * Evaluates a window when it fires: all its elements (or the single pre-aggregated value when used
 * with reduce/aggregate), its key and the window. Output records carry the window's max timestamp.
 */
public abstract class ProcessWindowFunction<IN, OUT, K, W extends Window> implements RichFunction {
  private static final long serialVersionUID = 1L;

  public abstract void process(K key, Context context, Iterable<IN> elements, Collector<OUT> out) throws Exception;

  public abstract class Context {
    public abstract W window();

    public abstract long currentWatermark();

    public abstract long currentProcessingTime();

    public abstract <X> void output(OutputTag<X> tag, X value);
  }
}

package io.tributary.api.functions;

/** Called for each pair of an interval join: right.timestamp in [left.timestamp + lower, left.timestamp + upper]. */
public abstract class ProcessJoinFunction<L, R, O> implements RichFunction {
  private static final long serialVersionUID = 1L;

  public abstract void processElement(L left, R right, Context ctx, Collector<O> out) throws Exception;

  public abstract class Context {
    public abstract long leftTimestamp();

    public abstract long rightTimestamp();

    /** The later of the two timestamps; output records carry it. */
    public abstract long timestamp();

    public abstract <X> void output(OutputTag<X> tag, X value);
  }
}

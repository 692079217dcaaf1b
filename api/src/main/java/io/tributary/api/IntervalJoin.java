package io.tributary.api;

import io.tributary.api.functions.ProcessJoinFunction;
import io.tributary.api.operators.IntervalJoinOperator;
import java.time.Duration;
import java.util.Objects;

/**
 * An interval join under construction: {@code a.keyBy(k1).intervalJoin(b.keyBy(k2)).between(lower,
 * upper).process(fn)} pairs a record of a at time t with every record of b with the same key and a
 * timestamp in [t + lower, t + upper]. Immutable; confined to the main's thread.
 */
public final class IntervalJoin<T1, T2, K> {
  private final KeyedStream<T1, K> first;
  private final KeyedStream<T2, K> second;

  IntervalJoin(KeyedStream<T1, K> first, KeyedStream<T2, K> second) {
    this.first = first;
    this.second = second;
  }

  public Bounded between(Duration lower, Duration upper) {
    Objects.requireNonNull(lower, "lower bound");
    Objects.requireNonNull(upper, "upper bound");
    if (lower.compareTo(upper) > 0) {
      throw new IllegalArgumentException(
          "interval join bounds need lower <= upper, got lower " + lower + " and upper " + upper);
    }
    return new Bounded(lower.toMillis(), upper.toMillis());
  }

  /** An interval join with its bounds; the function comes next. */
  public final class Bounded {
    private final long lowerMs;
    private final long upperMs;

    Bounded(long lowerMs, long upperMs) {
      this.lowerMs = lowerMs;
      this.upperMs = upperMs;
    }

    public <R> DataStream<R> process(ProcessJoinFunction<T1, T2, R> function) {
      IntervalJoinOperator<K, T1, T2, R> operator =
          new IntervalJoinOperator<>(first.getKeySelector(), second.getKeySelector(), lowerMs, upperMs, function);
      return first.connect(second).transform("Interval Join", operator);
    }
  }
}

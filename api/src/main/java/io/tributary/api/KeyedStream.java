package io.tributary.api;

import io.tributary.api.functions.AggregateFunction;
import io.tributary.api.functions.KeySelector;
import io.tributary.api.functions.KeyedProcessFunction;
import io.tributary.api.functions.ReduceFunction;
import io.tributary.api.graph.Partitioning;
import io.tributary.api.operators.KeyedAggregateOperator;
import io.tributary.api.operators.KeyedProcessOperator;
import io.tributary.api.operators.KeyedReduceOperator;
import io.tributary.api.windowing.Window;
import io.tributary.api.windowing.WindowAssigner;
import java.util.List;
import java.util.Objects;

/**
 * A stream partitioned by key: the next operator receives it hash-partitioned by key group, and
 * keyed operators get state and timers scoped to the current key. Confined to the main's thread.
 */
public final class KeyedStream<T, K> extends DataStream<T> {
  private final KeySelector<T, K> keySelector;

  KeyedStream(JobEnvironment env, List<StreamRef> refs, KeySelector<T, K> keySelector) {
    super(env, refs, new Partitioning.Hash(keySelector));
    this.keySelector = keySelector;
  }

  public KeySelector<T, K> getKeySelector() {
    return keySelector;
  }

  public <R> DataStream<R> process(KeyedProcessFunction<K, T, R> function) {
    return transform("Keyed Process", new KeyedProcessOperator<>(keySelector, function));
  }

  /** A rolling reduce: emits the reduced value of the record's key after every record. */
  public DataStream<T> reduce(ReduceFunction<T> reducer) {
    return transform("Keyed Reduce", new KeyedReduceOperator<>(keySelector, reducer));
  }

  /** A rolling aggregate: emits the key's current result after every record. */
  public <A, R> DataStream<R> aggregate(AggregateFunction<T, A, R> aggregate) {
    return transform("Keyed Aggregate", new KeyedAggregateOperator<>(keySelector, aggregate));
  }

  public <W extends Window> WindowedStream<T, K, W> window(WindowAssigner<W> assigner) {
    return new WindowedStream<>(this, Objects.requireNonNull(assigner, "window assigner"), false);
  }

  /** Joins records of both streams with equal keys whose timestamps are within an interval. */
  public <T2> IntervalJoin<T, T2, K> intervalJoin(KeyedStream<T2, K> other) {
    if (other.env != env) {
      throw new IllegalArgumentException(
          "cannot join streams of different job environments; build the whole job on one JobEnvironment");
    }
    return new IntervalJoin<>(this, other);
  }
}

package io.tributary.api;

import io.tributary.api.functions.CoProcessFunction;
import io.tributary.api.functions.KeySelector;
import io.tributary.api.functions.KeyedCoProcessFunction;
import io.tributary.api.graph.LogicalInput;
import io.tributary.api.operators.CoProcessOperator;
import io.tributary.api.operators.KeyedCoProcessOperator;
import io.tributary.api.operators.TwoInputOperator;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Two streams, possibly of different types, that one two-input operator consumes (the first on
 * input 1, the second on input 2), e.g. control records and data, or two keyed streams sharing
 * state per key. Immutable; confined to the main's thread.
 */
public final class ConnectedStreams<T1, T2> {
  private final DataStream<T1> first;
  private final DataStream<T2> second;

  ConnectedStreams(DataStream<T1> first, DataStream<T2> second) {
    this.first = first;
    this.second = second;
  }

  public DataStream<T1> getFirstInput() {
    return first;
  }

  public DataStream<T2> getSecondInput() {
    return second;
  }

  /** Keys both inputs, so that a {@link KeyedCoProcessFunction} sees both sides of each key. */
  public <K> ConnectedStreams<T1, T2> keyBy(KeySelector<T1, K> key1, KeySelector<T2, K> key2) {
    return new ConnectedStreams<>(first.keyBy(key1), second.keyBy(key2));
  }

  public <R> DataStream<R> process(CoProcessFunction<T1, T2, R> function) {
    return transform("Co-Process", new CoProcessOperator<>(function));
  }

  @SuppressWarnings("unchecked")
  public <K, R> DataStream<R> process(KeyedCoProcessFunction<K, T1, T2, R> function) {
    if (!(first instanceof KeyedStream<T1, ?> k1) || !(second instanceof KeyedStream<T2, ?> k2)) {
      throw new IllegalArgumentException("a KeyedCoProcessFunction needs two keyed streams: connect two"
          + " keyBy(...) streams, or call keyBy(key1, key2) on the connected streams");
    }
    KeySelector<T1, K> key1 = (KeySelector<T1, K>) k1.getKeySelector();
    KeySelector<T2, K> key2 = (KeySelector<T2, K>) k2.getKeySelector();
    return transform("Keyed Co-Process", new KeyedCoProcessOperator<>(key1, key2, function));
  }

  /** Runs a custom two-input operator on these streams. */
  public <R> DataStream<R> transform(String name, TwoInputOperator<T1, T2, R> operator) {
    List<LogicalInput> inputs = new ArrayList<>(first.inputs(1));
    inputs.addAll(second.inputs(2));
    int id = first.env.addOperator(name, Objects.requireNonNull(operator, "operator"), false, inputs);
    return new DataStream<>(first.env, id);
  }
}

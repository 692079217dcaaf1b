package io.tributary.api;

import io.tributary.api.functions.AggregateFunction;
import io.tributary.api.functions.OutputTag;
import io.tributary.api.functions.ProcessWindowFunction;
import io.tributary.api.functions.ReduceFunction;
import io.tributary.api.operators.OneInputOperator;
import io.tributary.api.operators.WindowOperators;
import io.tributary.api.windowing.Window;
import io.tributary.api.windowing.WindowAssigner;
import java.time.Duration;
import java.util.Objects;

/**
 * A keyed stream cut into windows; a reduce, aggregate or process call turns it into a window
 * operator. Immutable; confined to the main's thread. Global windows ({@code windowAll}) run in one
 * subtask.
 */
public final class WindowedStream<T, K, W extends Window> {
  private final KeyedStream<T, K> input;
  private final WindowAssigner<W> assigner;
  private final boolean global;
  private final Duration allowedLateness;
  private final OutputTag<T> lateData;

  WindowedStream(KeyedStream<T, K> input, WindowAssigner<W> assigner, boolean global) {
    this(input, assigner, global, Duration.ZERO, null);
  }

  private WindowedStream(
      KeyedStream<T, K> input, WindowAssigner<W> assigner, boolean global, Duration allowedLateness,
      OutputTag<T> lateData) {
    this.input = input;
    this.assigner = assigner;
    this.global = global;
    this.allowedLateness = allowedLateness;
    this.lateData = lateData;
  }

  /** Keeps windows for {@code lateness} after the watermark passed their end; late records re-fire them. */
  public WindowedStream<T, K, W> allowedLateness(Duration lateness) {
    if (lateness == null || lateness.isNegative()) {
      throw new IllegalArgumentException("allowed lateness must be zero or positive, got " + lateness);
    }
    if (!assigner.isEventTime() && !lateness.isZero()) {
      throw new IllegalArgumentException("allowed lateness applies to event-time windows only");
    }
    return new WindowedStream<>(input, assigner, global, lateness, lateData);
  }

  /** Sends records too late for their windows to {@code tag} instead of dropping them. */
  public WindowedStream<T, K, W> sideOutputLateData(OutputTag<T> tag) {
    return new WindowedStream<>(input, assigner, global, allowedLateness, Objects.requireNonNull(tag, "tag"));
  }

  public DataStream<T> reduce(ReduceFunction<T> reducer) {
    return add("Window Reduce", WindowOperators.<K, T, T, W>reduce(input.getKeySelector(), assigner,
        allowedLateness, lateData, reducer, null));
  }

  public <R> DataStream<R> reduce(ReduceFunction<T> reducer, ProcessWindowFunction<T, R, K, W> function) {
    return add("Window Reduce", WindowOperators.reduce(input.getKeySelector(), assigner, allowedLateness, lateData,
        reducer, function));
  }

  public <A, R> DataStream<R> aggregate(AggregateFunction<T, A, R> aggregate) {
    return add("Window Aggregate", WindowOperators.<K, T, A, R, R, W>aggregate(input.getKeySelector(), assigner,
        allowedLateness, lateData, aggregate, null));
  }

  public <A, V, R> DataStream<R> aggregate(
      AggregateFunction<T, A, V> aggregate, ProcessWindowFunction<V, R, K, W> function) {
    return add("Window Aggregate", WindowOperators.aggregate(input.getKeySelector(), assigner, allowedLateness,
        lateData, aggregate, function));
  }

  public <R> DataStream<R> process(ProcessWindowFunction<T, R, K, W> function) {
    return add("Window Process", WindowOperators.process(input.getKeySelector(), assigner, allowedLateness, lateData,
        function));
  }

  private <R> DataStream<R> add(String name, OneInputOperator<T, R> operator) {
    String full = (global ? "All" : "") + name;
    int id = input.env.addOperator(full, operator, global, input.inputs(1));
    return new DataStream<>(input.env, id);
  }
}

package io.tributary.api.operators;

import io.tributary.api.functions.AggregateFunction;
import io.tributary.api.functions.KeySelector;
import io.tributary.api.functions.OutputTag;
import io.tributary.api.functions.ProcessWindowFunction;
import io.tributary.api.functions.ReduceFunction;
import io.tributary.api.windowing.Window;
import io.tributary.api.windowing.WindowAssigner;
import java.time.Duration;

/**
 * Builds keyed window operators ({@link WindowOperator}). Records later than a window's end plus
 * {@code allowedLateness} go to {@code lateOutput} (dropped and counted when null); records inside
 * the lateness re-fire the window with the updated result. Stateless.
 */
public final class WindowOperators {
  private WindowOperators() {}

  /** Incremental reduce; without a window function the reduced value is emitted. */
  public static <K, IN, OUT, W extends Window> OneInputOperator<IN, OUT> reduce(
      KeySelector<IN, K> key, WindowAssigner<W> assigner, Duration allowedLateness, OutputTag<IN> lateOutput,
      ReduceFunction<IN> reducer, ProcessWindowFunction<IN, OUT, K, W> windowFunction) {
    return new WindowOperator<>(key, assigner, allowedLateness, lateOutput, WindowContents.reduce(reducer, windowFunction));
  }

  /** Incremental aggregate; without a window function the aggregate's result is emitted. */
  public static <K, IN, ACC, V, OUT, W extends Window> OneInputOperator<IN, OUT> aggregate(
      KeySelector<IN, K> key, WindowAssigner<W> assigner, Duration allowedLateness, OutputTag<IN> lateOutput,
      AggregateFunction<IN, ACC, V> aggregate, ProcessWindowFunction<V, OUT, K, W> windowFunction) {
    return new WindowOperator<>(key, assigner, allowedLateness, lateOutput,
        WindowContents.aggregate(aggregate, windowFunction));
  }

  /** Buffers every record of the window and hands them to the function when it fires. */
  public static <K, IN, OUT, W extends Window> OneInputOperator<IN, OUT> process(
      KeySelector<IN, K> key, WindowAssigner<W> assigner, Duration allowedLateness, OutputTag<IN> lateOutput,
      ProcessWindowFunction<IN, OUT, K, W> windowFunction) {
    return new WindowOperator<>(key, assigner, allowedLateness, lateOutput, WindowContents.all(windowFunction));
  }
}

package io.tributary.api.operators;

import io.tributary.api.functions.AggregateFunction;
import io.tributary.api.functions.Collector;
import io.tributary.api.functions.Function;
import io.tributary.api.functions.OutputTag;
import io.tributary.api.functions.ProcessWindowFunction;
import io.tributary.api.functions.ReduceFunction;
import io.tributary.api.windowing.Window;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What a window keeps and how it is evaluated: a reduced value, an aggregate's accumulator, or every
 * record. The accumulator of an empty window is null. Confined to the subtask's thread once opened;
 * keeping this apart from firing and lateness lets the three window kinds share one operator.
 */
abstract class WindowContents<K, IN, ACC, OUT, W extends Window> implements Serializable {
  private static final long serialVersionUID = 1L;

  abstract ACC add(ACC accumulator, IN value) throws Exception;

  abstract ACC merge(ACC a, ACC b) throws Exception;

  abstract List<Function> functions();

  /** Binds the window function's context to the operator's firing scope. */
  abstract void open(WindowScope<W> scope);

  abstract void emit(K key, ACC accumulator, Collector<OUT> out) throws Exception;

  static <K, IN, OUT, W extends Window> WindowContents<K, IN, IN, OUT, W> reduce(
      ReduceFunction<IN> reducer, ProcessWindowFunction<IN, OUT, K, W> windowFunction) {
    return new Reduce<>(Objects.requireNonNull(reducer, "reduce function"), windowFunction);
  }

  static <K, IN, ACC, V, OUT, W extends Window> WindowContents<K, IN, ACC, OUT, W> aggregate(
      AggregateFunction<IN, ACC, V> aggregate, ProcessWindowFunction<V, OUT, K, W> windowFunction) {
    return new Aggregate<>(Objects.requireNonNull(aggregate, "aggregate function"), windowFunction);
  }

  static <K, IN, OUT, W extends Window> WindowContents<K, IN, ArrayList<IN>, OUT, W> all(
      ProcessWindowFunction<IN, OUT, K, W> windowFunction) {
    return new All<>(Objects.requireNonNull(windowFunction, "process window function"));
  }

  /** Calls the optional window function on one value, or emits the value itself. */
  static final class Evaluator<K, V, OUT, W extends Window> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final ProcessWindowFunction<V, OUT, K, W> function;
    private transient ProcessWindowFunction<V, OUT, K, W>.Context context;

    Evaluator(ProcessWindowFunction<V, OUT, K, W> function) {
      this.function = function;
    }

    List<Function> functions() {
      return function == null ? List.of() : List.of(function);
    }

    void open(WindowScope<W> scope) {
      if (function != null) {
        context = function.new Context() {
          @Override
          public W window() {
            return scope.window();
          }

          @Override
          public long currentWatermark() {
            return scope.currentWatermark();
          }

          @Override
          public long currentProcessingTime() {
            return scope.currentProcessingTime();
          }

          @Override
          public <X> void output(OutputTag<X> tag, X value) {
            scope.output(tag, value);
          }
        };
      }
    }

    @SuppressWarnings("unchecked")
    void emitOne(K key, V value, Collector<OUT> out) throws Exception {
      if (function == null) {
        out.collect((OUT) value);
      } else {
        function.process(key, context, Collections.singletonList(value), out);
      }
    }

    void emitAll(K key, Iterable<V> values, Collector<OUT> out) throws Exception {
      function.process(key, context, values, out);
    }
  }

  private static final class Reduce<K, IN, OUT, W extends Window> extends WindowContents<K, IN, IN, OUT, W> {
    private static final long serialVersionUID = 1L;
    private final ReduceFunction<IN> reducer;
    private final Evaluator<K, IN, OUT, W> evaluator;

    Reduce(ReduceFunction<IN> reducer, ProcessWindowFunction<IN, OUT, K, W> windowFunction) {
      this.reducer = reducer;
      this.evaluator = new Evaluator<>(windowFunction);
    }

    @Override
    IN add(IN accumulator, IN value) throws Exception {
      return accumulator == null ? value : reducer.reduce(accumulator, value);
    }

    @Override
    IN merge(IN a, IN b) throws Exception {
      return reducer.reduce(a, b);
    }

    @Override
    List<Function> functions() {
      List<Function> all = new ArrayList<>(evaluator.functions());
      all.add(0, reducer);
      return all;
    }

    @Override
    void open(WindowScope<W> scope) {
      evaluator.open(scope);
    }

    @Override
    void emit(K key, IN accumulator, Collector<OUT> out) throws Exception {
      evaluator.emitOne(key, accumulator, out);
    }
  }

  private static final class Aggregate<K, IN, ACC, V, OUT, W extends Window> extends WindowContents<K, IN, ACC, OUT, W> {
    private static final long serialVersionUID = 1L;
    private final AggregateFunction<IN, ACC, V> aggregate;
    private final Evaluator<K, V, OUT, W> evaluator;

    Aggregate(AggregateFunction<IN, ACC, V> aggregate, ProcessWindowFunction<V, OUT, K, W> windowFunction) {
      this.aggregate = aggregate;
      this.evaluator = new Evaluator<>(windowFunction);
    }

    @Override
    ACC add(ACC accumulator, IN value) throws Exception {
      return aggregate.add(value, accumulator == null ? aggregate.createAccumulator() : accumulator);
    }

    @Override
    ACC merge(ACC a, ACC b) throws Exception {
      return aggregate.merge(a, b);
    }

    @Override
    List<Function> functions() {
      List<Function> all = new ArrayList<>(evaluator.functions());
      all.add(0, aggregate);
      return all;
    }

    @Override
    void open(WindowScope<W> scope) {
      evaluator.open(scope);
    }

    @Override
    void emit(K key, ACC accumulator, Collector<OUT> out) throws Exception {
      evaluator.emitOne(key, aggregate.getResult(accumulator), out);
    }
  }

  private static final class All<K, IN, OUT, W extends Window> extends WindowContents<K, IN, ArrayList<IN>, OUT, W> {
    private static final long serialVersionUID = 1L;
    private final Evaluator<K, IN, OUT, W> evaluator;

    All(ProcessWindowFunction<IN, OUT, K, W> windowFunction) {
      this.evaluator = new Evaluator<>(windowFunction);
    }

    @Override
    ArrayList<IN> add(ArrayList<IN> accumulator, IN value) {
      ArrayList<IN> list = accumulator == null ? new ArrayList<>() : accumulator;
      list.add(value);
      return list;
    }

    @Override
    ArrayList<IN> merge(ArrayList<IN> a, ArrayList<IN> b) {
      ArrayList<IN> merged = new ArrayList<>(a.size() + b.size());
      merged.addAll(a);
      merged.addAll(b);
      return merged;
    }

    @Override
    List<Function> functions() {
      return evaluator.functions();
    }

    @Override
    void open(WindowScope<W> scope) {
      evaluator.open(scope);
    }

    @Override
    void emit(K key, ArrayList<IN> accumulator, Collector<OUT> out) throws Exception {
      evaluator.emitAll(key, Collections.unmodifiableList(accumulator), out);
    }
  }
}

package io.tributary.api.functions;

@FunctionalInterface
public interface FlatMapFunction<T, R> extends Function {
  void flatMap(T value, Collector<R> out) throws Exception;
}

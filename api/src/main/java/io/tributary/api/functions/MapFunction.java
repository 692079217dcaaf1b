package io.tributary.api.functions;

@FunctionalInterface
public interface MapFunction<T, R> extends Function {
  R map(T value) throws Exception;
}

package io.tributary.api.functions;

/** Combines two values into one of the same type; must be associative. */
@FunctionalInterface
public interface ReduceFunction<T> extends Function {
  T reduce(T accumulated, T value) throws Exception;
}

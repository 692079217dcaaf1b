package io.tributary.api.functions;

/**
 * Extracts the key of a record for {@code keyBy}. Keys must have stable {@code equals} and
 * {@code hashCode} across processes (records, strings, boxed primitives, enums by name are fine; arrays and
 * identity-hashed objects are not).
 */
@FunctionalInterface
public interface KeySelector<T, K> extends Function {
  K getKey(T value) throws Exception;
}

package io.tributary.api.functions;

/** Joins one pair of records with equal keys in the same window. */
@FunctionalInterface
public interface JoinFunction<L, R, O> extends Function {
  O join(L left, R right) throws Exception;
}

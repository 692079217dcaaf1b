package io.tributary.api.functions;

/** Incremental aggregation through a mutable or immutable accumulator. */
public interface AggregateFunction<IN, ACC, OUT> extends Function {
  ACC createAccumulator();

  /** Adds a value; may mutate and return {@code accumulator} or return a new one. */
  ACC add(IN value, ACC accumulator);

  OUT getResult(ACC accumulator);

  /** Merges two accumulators (session windows merge). */
  ACC merge(ACC a, ACC b);
}

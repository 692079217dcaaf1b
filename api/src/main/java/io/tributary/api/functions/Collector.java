package io.tributary.api.functions;

/** Emits records downstream; the timestamp is the input record's (or the timer's) unless a function says otherwise. */
public interface Collector<T> {
  void collect(T value);
}

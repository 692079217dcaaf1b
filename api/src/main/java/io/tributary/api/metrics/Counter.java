package io.tributary.api.metrics;

/** A monotonic count of one subtask. Thread-safe. */
public interface Counter {
  void inc(long n);

  default void inc() {
    inc(1);
  }

  long count();
}

package io.tributary.api.state;

import java.util.List;

public interface ListState<T> extends State {
  /** The current key's values in insertion order; empty, never null. */
  Iterable<T> get();

  void add(T value);

  void addAll(List<T> values);

  void update(List<T> values);
}

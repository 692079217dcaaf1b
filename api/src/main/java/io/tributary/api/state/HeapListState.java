package io.tributary.api.state;

import java.util.ArrayList;
import java.util.List;

/** A list per key in a {@link HeapKeyedStateBackend}. Confined to the subtask's thread. */
final class HeapListState<T> implements ListState<T> {
  private final HeapKeyedStateBackend backend;
  private final String name;

  HeapListState(HeapKeyedStateBackend backend, String name) {
    this.backend = backend;
    this.name = name;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Iterable<T> get() {
    Object list = backend.get(name);
    return list == null ? List.of() : (List<T>) list;
  }

  @Override
  public void add(T value) {
    list().add(value);
  }

  @Override
  public void addAll(List<T> values) {
    if (!values.isEmpty()) {
      list().addAll(values);
    }
  }

  @Override
  public void update(List<T> values) {
    if (values.isEmpty()) {
      backend.remove(name);
    } else {
      backend.put(name, new ArrayList<>(values));
    }
  }

  @Override
  public void clear() {
    backend.remove(name);
  }

  @SuppressWarnings("unchecked")
  private List<T> list() {
    Object list = backend.get(name);
    if (list == null) {
      list = new ArrayList<T>();
      backend.put(name, list);
    }
    return (List<T>) list;
  }
}

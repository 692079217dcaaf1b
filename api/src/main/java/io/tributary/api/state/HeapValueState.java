package io.tributary.api.state;

/** A value per key in a {@link HeapKeyedStateBackend}. Confined to the subtask's thread. */
final class HeapValueState<T> implements ValueState<T> {
  private final HeapKeyedStateBackend backend;
  private final String name;
  private final T defaultValue;

  HeapValueState(HeapKeyedStateBackend backend, ValueStateDescriptor<T> descriptor) {
    this.backend = backend;
    this.name = descriptor.name();
    this.defaultValue = descriptor.defaultValue();
  }

  @Override
  @SuppressWarnings("unchecked")
  public T value() {
    Object value = backend.get(name);
    return value == null ? defaultValue : (T) value;
  }

  @Override
  public void update(T value) {
    if (value == null) {
      backend.remove(name);
    } else {
      backend.put(name, value);
    }
  }

  @Override
  public void clear() {
    backend.remove(name);
  }
}

package io.tributary.api.state;

import java.util.HashMap;
import java.util.Map;

/** A map per key in a {@link HeapKeyedStateBackend}. Confined to the subtask's thread. */
final class HeapMapState<K, V> implements MapState<K, V> {
  private final HeapKeyedStateBackend backend;
  private final String name;

  HeapMapState(HeapKeyedStateBackend backend, String name) {
    this.backend = backend;
    this.name = name;
  }

  @Override
  public V get(K key) {
    return current().get(key);
  }

  @Override
  public void put(K key, V value) {
    mutable().put(key, value);
  }

  @Override
  public void putAll(Map<K, V> values) {
    if (!values.isEmpty()) {
      mutable().putAll(values);
    }
  }

  @Override
  public void remove(K key) {
    Map<K, V> map = current();
    if (!map.isEmpty() && map.remove(key) != null && map.isEmpty()) {
      backend.remove(name);
    }
  }

  @Override
  public boolean contains(K key) {
    return current().containsKey(key);
  }

  @Override
  public Iterable<Map.Entry<K, V>> entries() {
    return current().entrySet();
  }

  @Override
  public Iterable<K> keys() {
    return current().keySet();
  }

  @Override
  public Iterable<V> values() {
    return current().values();
  }

  @Override
  public boolean isEmpty() {
    return current().isEmpty();
  }

  @Override
  public void clear() {
    backend.remove(name);
  }

  @SuppressWarnings("unchecked")
  private Map<K, V> current() {
    Object map = backend.get(name);
    return map == null ? Map.of() : (Map<K, V>) map;
  }

  @SuppressWarnings("unchecked")
  private Map<K, V> mutable() {
    Object map = backend.get(name);
    if (map == null) {
      map = new HashMap<K, V>();
      backend.put(name, map);
    }
    return (Map<K, V>) map;
  }
}

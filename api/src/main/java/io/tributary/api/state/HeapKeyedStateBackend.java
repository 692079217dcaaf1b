package io.tributary.api.state;

import io.tributary.api.graph.KeyGroupRange;
import io.tributary.api.graph.KeyGroups;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keyed state on the Java heap: key group → state name → key → value. Confined to the subtask's
 * thread. Values are held by reference, so a snapshot must copy them; the grouping by key group is
 * what a checkpoint will write and a rescaled job will read back.
 */
public final class HeapKeyedStateBackend implements KeyedStateBackend {
  private final KeyGroupRange range;
  private final int maxParallelism;
  private final Map<Integer, Map<String, Map<Object, Object>>> groups = new HashMap<>();
  private final Map<String, Object> handles = new HashMap<>();
  private Map<String, Map<Object, Object>> currentGroup;
  private Object currentKey;
  private int currentKeyGroup = -1;

  public HeapKeyedStateBackend(KeyGroupRange range, int maxParallelism) {
    if (maxParallelism <= 0) {
      throw new IllegalArgumentException("maxParallelism must be positive, got " + maxParallelism);
    }
    this.range = range;
    this.maxParallelism = maxParallelism;
  }

  @Override
  public void setCurrentKey(Object key) {
    if (key == currentKey && key != null) {
      return;
    }
    int group = KeyGroups.keyGroupFor(key, maxParallelism);
    if (!range.contains(group)) {
      throw new IllegalStateException("key '" + key + "' is in key group " + group + ", outside this subtask's key groups ["
          + range.start() + ", " + range.end() + "] of " + maxParallelism
          + "; records must be partitioned with KeyGroups.subtaskForKey using the same key and max parallelism");
    }
    if (group != currentKeyGroup) {
      currentGroup = groups.computeIfAbsent(group, g -> new HashMap<>());
      currentKeyGroup = group;
    }
    currentKey = key;
  }

  @Override
  public Object currentKey() {
    return currentKey;
  }

  @Override
  public int currentKeyGroup() {
    return currentKeyGroup;
  }

  @Override
  public KeyGroupRange keyGroupRange() {
    return range;
  }

  @Override
  public int maxParallelism() {
    return maxParallelism;
  }

  @Override
  public <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor) {
    return handle(descriptor.name(), HeapValueState.class, () -> new HeapValueState<>(this, descriptor));
  }

  @Override
  public <T> ListState<T> getListState(ListStateDescriptor<T> descriptor) {
    return handle(descriptor.name(), HeapListState.class, () -> new HeapListState<T>(this, descriptor.name()));
  }

  @Override
  public <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> descriptor) {
    return handle(descriptor.name(), HeapMapState.class, () -> new HeapMapState<K, V>(this, descriptor.name()));
  }

  @Override
  public Set<Integer> nonEmptyKeyGroups() {
    Set<Integer> result = new TreeSet<>();
    groups.forEach((group, tables) -> {
      if (tables.values().stream().anyMatch(t -> !t.isEmpty())) {
        result.add(group);
      }
    });
    return result;
  }

  @Override
  public int numKeys(String name) {
    int count = 0;
    for (Map<String, Map<Object, Object>> tables : groups.values()) {
      Map<Object, Object> table = tables.get(name);
      count += table == null ? 0 : table.size();
    }
    return count;
  }

  /**
   * The tables of every non-empty key group (state name to key to value) for a checkpoint: fresh maps,
   * so later records do not change the structure, holding the values themselves (the engine
   * serializes them before the next record).
   */
  public Map<Integer, Map<String, Map<Object, Object>>> snapshotKeyGroups() {
    Map<Integer, Map<String, Map<Object, Object>>> result = new HashMap<>();
    groups.forEach((group, tables) -> {
      Map<String, Map<Object, Object>> copy = new HashMap<>();
      tables.forEach((name, table) -> {
        if (!table.isEmpty()) {
          copy.put(name, new HashMap<>(table));
        }
      });
      if (!copy.isEmpty()) {
        result.put(group, copy);
      }
    });
    return result;
  }

  /**
   * Loads the tables of key group {@code keyGroup} from a checkpoint, replacing what it held.
   *
   * @throws IllegalArgumentException when the group is not this subtask's
   */
  public void restoreKeyGroup(int keyGroup, Map<String, ? extends Map<?, ?>> tables) {
    if (!range.contains(keyGroup)) {
      throw new IllegalArgumentException("restored state holds key group " + keyGroup + ", outside this subtask's key "
          + "groups [" + range.start() + ", " + range.end() + "] of " + maxParallelism
          + "; restore state through StateRedistribution with the job's max parallelism");
    }
    Map<String, Map<Object, Object>> copy = new HashMap<>();
    tables.forEach((name, table) -> copy.put(name, new HashMap<>(table)));
    groups.put(keyGroup, copy);
    if (keyGroup == currentKeyGroup) {
      currentGroup = copy;
    }
  }

  /** The current key's entry of state {@code name}; null when absent. */
  Object get(String name) {
    Map<Object, Object> table = currentGroup().get(name);
    return table == null ? null : table.get(currentKey);
  }

  void put(String name, Object value) {
    currentGroup().computeIfAbsent(name, n -> new HashMap<>()).put(currentKey, value);
  }

  void remove(String name) {
    Map<Object, Object> table = currentGroup().get(name);
    if (table != null) {
      table.remove(currentKey);
    }
  }

  private Map<String, Map<Object, Object>> currentGroup() {
    if (currentGroup == null) {
      throw new IllegalStateException("keyed state was used outside a keyed context (no current key); "
          + "use it only while processing a record or timer of a keyed stream");
    }
    return currentGroup;
  }

  @SuppressWarnings("unchecked")
  private <S> S handle(String name, Class<?> kind, java.util.function.Supplier<S> factory) {
    Object existing = handles.get(name);
    if (existing == null) {
      S created = factory.get();
      handles.put(name, created);
      return created;
    }
    if (!kind.isInstance(existing)) {
      throw new IllegalStateException("state '" + name + "' is already registered as a "
          + existing.getClass().getSimpleName().replace("Heap", "") + "; give each state of an operator its own name");
    }
    return (S) existing;
  }
}

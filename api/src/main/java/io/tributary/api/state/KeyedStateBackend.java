package io.tributary.api.state;

import io.tributary.api.graph.KeyGroupRange;
import java.util.Set;

/**
 * The keyed state of one operator in one subtask: named tables of per-key values, grouped by key
 * group. Every state handle reads and writes the entry of the current key. Confined to the subtask's
 * thread. Grouping by key group lets checkpoints snapshot and redistribute state when parallelism
 * changes.
 */
public interface KeyedStateBackend {
  /**
   * Makes {@code key} the key that state handles and timers use.
   *
   * @throws IllegalStateException when the key's group is outside this subtask's range (records were
   *     routed to the wrong subtask)
   */
  void setCurrentKey(Object key);

  /** The current key; null before the first {@link #setCurrentKey}. */
  Object currentKey();

  /** The key group of the current key; -1 before the first {@link #setCurrentKey}. */
  int currentKeyGroup();

  KeyGroupRange keyGroupRange();

  int maxParallelism();

  <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor);

  <T> ListState<T> getListState(ListStateDescriptor<T> descriptor);

  <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> descriptor);

  /** The key groups that hold at least one entry. */
  Set<Integer> nonEmptyKeyGroups();

  /** Number of keys with an entry in state {@code name}, over all key groups. */
  int numKeys(String name);
}

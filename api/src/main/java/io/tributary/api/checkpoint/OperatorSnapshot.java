package io.tributary.api.checkpoint;

import java.util.List;
import java.util.Map;

/**
 * The state of one operator of one subtask at a checkpoint, as plain objects the engine serializes
 * (synchronously, on the subtask's thread — that is the copy — then writes asynchronously).
 *
 * @param keyGroups keyed state and timers by key group; restored into whichever subtask owns the
 *     group after rescaling
 * @param lists operator list state by name; on restore the elements of all old subtasks are dealt
 *     round-robin over the new ones
 * @param unions operator union state by name; on restore every subtask receives all old elements
 *     (e.g. source positions: each subtask keeps the entries of the shards it owns)
 */
public record OperatorSnapshot(Map<Integer, Object> keyGroups, Map<String, List<Object>> lists,
    Map<String, List<Object>> unions) {
  public static final OperatorSnapshot EMPTY = new OperatorSnapshot(Map.of(), Map.of(), Map.of());

  public OperatorSnapshot {
    keyGroups = Map.copyOf(keyGroups);
    lists = Map.copyOf(lists);
    unions = Map.copyOf(unions);
  }

  public boolean isEmpty() {
    return keyGroups.isEmpty() && lists.isEmpty() && unions.isEmpty();
  }
}

package io.tributary.api.checkpoint;

import java.util.List;
import java.util.Map;

/**
 * The state an operator of a restarted or rescaled subtask starts from: the key groups it owns,
 * its share of list state and all union state (see {@link OperatorSnapshot}).
 */
public record OperatorRestore(long checkpointId, Map<Integer, Object> keyGroups, Map<String, List<Object>> lists,
    Map<String, List<Object>> unions) {
  public OperatorRestore {
    keyGroups = Map.copyOf(keyGroups);
    lists = Map.copyOf(lists);
    unions = Map.copyOf(unions);
  }

  public List<Object> list(String name) {
    return lists.getOrDefault(name, List.of());
  }

  public List<Object> union(String name) {
    return unions.getOrDefault(name, List.of());
  }
}

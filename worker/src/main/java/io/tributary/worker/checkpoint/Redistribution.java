package io.tributary.worker.checkpoint;

import io.tributary.api.checkpoint.OperatorRestore;
import io.tributary.api.checkpoint.OperatorSnapshot;
import io.tributary.api.graph.KeyGroupRange;
import io.tributary.api.graph.KeyGroups;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Deals an operator's snapshots of all old subtasks out to one new subtask: key groups in its
 * range, list elements round-robin (element j of the concatenation in old subtask order to subtask
 * j % parallelism), union elements all. Stateless.
 */
final class Redistribution {
  private Redistribution() {}

  static OperatorRestore restoreFor(List<OperatorSnapshot> fromAllOldSubtasks, int maxParallelism, int parallelism,
      int subtaskIndex, long checkpointId) {
    KeyGroupRange range = KeyGroups.rangeFor(maxParallelism, parallelism, subtaskIndex);
    Map<Integer, Object> keyGroups = new HashMap<>();
    Map<String, List<Object>> lists = new HashMap<>();
    Map<String, List<Object>> unions = new HashMap<>();
    Map<String, Integer> dealt = new HashMap<>();
    for (OperatorSnapshot old : fromAllOldSubtasks) {
      old.keyGroups().forEach((group, state) -> {
        if (range.contains(group)) {
          keyGroups.put(group, state);
        }
      });
      old.lists().forEach((name, elements) -> {
        List<Object> mine = lists.computeIfAbsent(name, n -> new ArrayList<>());
        int j = dealt.getOrDefault(name, 0);
        for (Object element : elements) {
          if (j % parallelism == subtaskIndex) {
            mine.add(element);
          }
          j++;
        }
        dealt.put(name, j);
      });
      old.unions().forEach((name, elements) -> unions.computeIfAbsent(name, n -> new ArrayList<>()).addAll(elements));
    }
    return new OperatorRestore(checkpointId, keyGroups, lists, unions);
  }
}

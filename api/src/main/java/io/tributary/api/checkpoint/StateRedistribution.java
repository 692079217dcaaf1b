package io.tributary.api.checkpoint;

import io.tributary.api.graph.KeyGroupRange;
import io.tributary.api.graph.KeyGroups;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Deals an operator's state, as snapshotted by every subtask of the old run, to one subtask of the
 * new run: key groups go to the subtask whose range holds them, list state is concatenated in old
 * subtask order and dealt round-robin (element j to new subtask j mod parallelism), union state goes
 * to everyone whole. Stateless; thread-safe. The engine and the test harness both restore through
 * it, so a rescaling test sees exactly what a rescaled job does.
 */
public final class StateRedistribution {
  private StateRedistribution() {}

  /**
   * The state subtask {@code subtaskIndex} of {@code parallelism} starts from.
   *
   * @param oldSubtasks one snapshot per old subtask, in old subtask order; null or {@link
   *     OperatorSnapshot#EMPTY} for a subtask without state (e.g. one that had finished)
   * @throws IllegalArgumentException when the indices do not fit, or two old subtasks claim the same
   *     key group (the snapshots do not belong to one checkpoint)
   */
  public static OperatorRestore restoreFor(List<OperatorSnapshot> oldSubtasks, int maxParallelism, int parallelism,
      int subtaskIndex, long checkpointId) {
    if (maxParallelism < 1 || parallelism < 1 || parallelism > maxParallelism || subtaskIndex < 0
        || subtaskIndex >= parallelism) {
      throw new IllegalArgumentException("cannot restore subtask " + subtaskIndex + " of parallelism " + parallelism
          + " with max parallelism " + maxParallelism + "; need 0 <= subtask < parallelism <= max parallelism");
    }
    KeyGroupRange range = KeyGroups.rangeFor(maxParallelism, parallelism, subtaskIndex);
    Map<Integer, Object> keyGroups = new HashMap<>();
    Map<String, List<Object>> lists = new HashMap<>();
    Map<String, List<Object>> unions = new HashMap<>();
    Map<String, Integer> listPositions = new HashMap<>();
    for (OperatorSnapshot snapshot : oldSubtasks) {
      if (snapshot == null) {
        continue;
      }
      takeKeyGroups(snapshot, range, maxParallelism, keyGroups);
      snapshot.lists().forEach((name, elements) -> {
        int position = listPositions.getOrDefault(name, 0);
        List<Object> mine = lists.computeIfAbsent(name, n -> new ArrayList<>());
        for (Object element : elements) {
          if (position % parallelism == subtaskIndex) {
            mine.add(element);
          }
          position++;
        }
        listPositions.put(name, position);
      });
      snapshot.unions().forEach((name, elements) ->
          unions.computeIfAbsent(name, n -> new ArrayList<>()).addAll(elements));
    }
    return new OperatorRestore(checkpointId, keyGroups, lists, unions);
  }

  private static void takeKeyGroups(OperatorSnapshot snapshot, KeyGroupRange range, int maxParallelism,
      Map<Integer, Object> into) {
    for (Map.Entry<Integer, Object> group : snapshot.keyGroups().entrySet()) {
      int keyGroup = group.getKey();
      if (keyGroup < 0 || keyGroup >= maxParallelism) {
        throw new IllegalArgumentException("state holds key group " + keyGroup + ", outside the max parallelism "
            + maxParallelism + "; a job must keep its max parallelism when it restores from a checkpoint or savepoint");
      }
      if (range.contains(keyGroup) && into.put(keyGroup, group.getValue()) != null) {
        throw new IllegalArgumentException("key group " + keyGroup + " appears in the state of two old subtasks; "
            + "the snapshots do not come from one checkpoint");
      }
    }
  }
}

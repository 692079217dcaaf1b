package io.tributary.coordinator.jobs;

import java.util.ArrayList;
import java.util.List;

/**
 * A job's checkpoint counter and its retained completed checkpoints (newest last), as kept in
 * ZooKeeper at {@code jobs/<id>/checkpoints}. Immutable.
 *
 * <p>The counter lives with the job so that ids only grow, across restarts and leaders.
 *
 * @param lastId the highest id ever handed out (0: none)
 */
public record RetainedCheckpoints(long lastId, List<Retained> retained) {
  /** A completed checkpoint: its id, directory and completion time. */
  public record Retained(long id, String path, long timeMs) {}

  public RetainedCheckpoints {
    retained = retained == null ? List.of() : List.copyOf(retained);
  }

  static RetainedCheckpoints empty() {
    return new RetainedCheckpoints(0, List.of());
  }

  RetainedCheckpoints withLastId(long id) {
    return new RetainedCheckpoints(Math.max(lastId, id), retained);
  }

  /** Appends {@code completed}; returns the list with at most {@code keep} entries, oldest dropped. */
  RetainedCheckpoints with(Retained completed, int keep) {
    List<Retained> all = new ArrayList<>(retained);
    all.add(completed);
    return new RetainedCheckpoints(Math.max(lastId, completed.id()),
        all.subList(Math.max(0, all.size() - keep), all.size()));
  }

  /** The entries of this list that {@code newer} no longer holds. */
  List<Retained> droppedBy(RetainedCheckpoints newer) {
    return retained.stream().filter(r -> !newer.retained().contains(r)).toList();
  }
}

package io.tributary.worker.checkpoint;

import io.tributary.api.checkpoint.OperatorRestore;
import java.util.Map;

/**
 * The state one subtask starts from: per node uid of its chain, what that operator (or source
 * reader) owns after redistribution. Immutable.
 *
 * @param checkpointId the checkpoint or savepoint restored, -1 for a fresh start
 */
public record TaskRestore(long checkpointId, Map<String, OperatorRestore> byUid) {
  public static final TaskRestore NONE = new TaskRestore(-1, Map.of());
  /** The union state name under which a source node keeps its reader's positions. */
  public static final String SOURCE_STATE = "source";

  public TaskRestore {
    byUid = Map.copyOf(byUid);
  }

  public boolean restoring() {
    return checkpointId >= 0;
  }

  /** What operator {@code uid} starts from; empty when the checkpoint held nothing for it. */
  public OperatorRestore forUid(String uid) {
    OperatorRestore restore = byUid.get(uid);
    return restore != null ? restore : new OperatorRestore(checkpointId, Map.of(), Map.of(), Map.of());
  }
}

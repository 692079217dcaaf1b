package io.tributary.coordinator;

import java.util.List;

/**
 * One resharding action as kept in a stream's scaling history node (JSON). Immutable.
 *
 * @param action "split", "merge" or "scale"
 * @param reason "operator", or the measured rate that made the on-demand scaler act
 */
record ScalingRecord(long atMillis, String action, String reason, List<String> closedShardIds,
    List<String> createdShardIds) {
  static final String SPLIT = "split";
  static final String MERGE = "merge";
  static final String SCALE = "scale";
  static final String OPERATOR = "operator";

  ScalingRecord {
    closedShardIds = List.copyOf(closedShardIds);
    createdShardIds = List.copyOf(createdShardIds);
  }
}

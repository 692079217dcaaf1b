package io.tributary.coordinator;

import io.tributary.common.stream.ShardMetadata;
import io.tributary.common.stream.StreamMetadata;
import java.util.List;

/**
 * What one resharding writes: the stream turned UPDATING with its next shard index advanced, the
 * parents turned CLOSED, the children, and the history event. Immutable.
 */
record ReshardPlan(StreamSnapshot read, StreamMetadata changed, List<ShardMetadata> closed,
    List<ShardMetadata> created, ScalingRecord event) {
  ReshardPlan {
    closed = List.copyOf(closed);
    created = List.copyOf(created);
  }
}

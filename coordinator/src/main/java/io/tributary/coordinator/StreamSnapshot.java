package io.tributary.coordinator;

import io.tributary.common.stream.ShardMetadata;
import io.tributary.common.stream.StreamMetadata;
import java.util.List;

/**
 * A stream as read from ZooKeeper: its metadata, the version of its node (for compare-and-set) and
 * its shards ordered by id. Immutable.
 */
record StreamSnapshot(StreamMetadata stream, int version, List<ShardMetadata> shards) {
  StreamSnapshot {
    shards = List.copyOf(shards);
  }

  String name() {
    return stream.name();
  }

  int openShardCount() {
    int open = 0;
    for (ShardMetadata shard : shards) {
      if (shard.open()) {
        open++;
      }
    }
    return open;
  }
}

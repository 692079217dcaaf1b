package io.tributary.worker.connectors;

import io.tributary.proto.v1.ShardInfo;
import io.tributary.proto.v1.ShardState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which shards of a stream one source subtask reads, and when. Stateless.
 *
 * <p>A shard belongs to the subtask its id hashes to, which needs no coordination and never changes
 * as shards age out of retention. A shard becomes readable once each parent this subtask reads is
 * finished and each parent another subtask reads is closed; ordering per key across a reshard is
 * therefore exact only when parent and child land on the same subtask.
 */
final class ShardOwnership {
  private ShardOwnership() {}

  static boolean owns(String shardId, int subtask, int parallelism) {
    return Math.floorMod(shardId.hashCode(), parallelism) == subtask;
  }

  /** Owned shards not yet started whose parents allow reading now. */
  static List<ShardInfo> readable(List<ShardInfo> shards, Set<String> started, Set<String> finished, int subtask,
      int parallelism) {
    Map<String, ShardInfo> byId = new HashMap<>();
    for (ShardInfo s : shards) {
      byId.put(s.getShardId(), s);
    }
    return shards.stream()
        .filter(s -> owns(s.getShardId(), subtask, parallelism) && !started.contains(s.getShardId()))
        .filter(s -> parentsDone(s, byId, finished, subtask, parallelism))
        .toList();
  }

  private static boolean parentsDone(ShardInfo shard, Map<String, ShardInfo> byId, Set<String> finished, int subtask,
      int parallelism) {
    for (String parent : shard.getParentShardIdsList()) {
      ShardInfo p = byId.get(parent);
      if (p == null) {
        continue; // aged out of retention: nothing left to read
      }
      boolean done = owns(parent, subtask, parallelism) ? finished.contains(parent) : p.getState() == ShardState.CLOSED;
      if (!done) {
        return false;
      }
    }
    return true;
  }
}

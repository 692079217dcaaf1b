package io.tributary.broker.internal;

import io.tributary.broker.StreamRef;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.common.stream.StreamMetadata;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the broker knows of one stream: its metadata, all its shards, the ones it leads or follows,
 * the newest shard metadata it applied, and its registered consumers.
 * Thread-safe; only the assignment thread changes it.
 */
final class StreamState {
  private final String name;
  private final Map<String, ShardMetadata> shards = new ConcurrentHashMap<>();
  private final Map<String, LedShard> led = new ConcurrentHashMap<>();
  private final Map<String, FollowedShard> followed = new ConcurrentHashMap<>();
  private final Map<String, Applied> applied = new ConcurrentHashMap<>();
  private final Set<String> consumers = ConcurrentHashMap.newKeySet();
  private volatile StreamMetadata metadata;

  StreamState(String name) {
    this.name = name;
  }

  String name() {
    return name;
  }

  /** Null until the stream's own node has been seen. */
  StreamMetadata metadata() {
    return metadata;
  }

  void metadata(StreamMetadata newMetadata) {
    this.metadata = newMetadata;
  }

  StreamRef ref() {
    StreamMetadata m = metadata;
    return new StreamRef(name, m.uid());
  }

  /** Every shard of the stream, led here or elsewhere, by id. */
  Map<String, ShardMetadata> shards() {
    return shards;
  }

  /** The shards this broker leads, by id. */
  Map<String, LedShard> led() {
    return led;
  }

  /** The shards this broker follows, by id. */
  Map<String, FollowedShard> followed() {
    return followed;
  }

  /** Shard metadata applied last, with its node version (-1 if unknown). */
  private record Applied(ShardMetadata metadata, int version) {}

  /**
   * Notes {@code shard} as applied unless it is older than what was: a lower leader or coordinator
   * epoch, or a node version not above the one applied (the leader's own in-sync write arrives
   * twice: from its writer and from the watcher).
   *
   * @return whether it is to be applied
   */
  boolean takeNewer(ShardMetadata shard, int version) {
    Applied last = applied.get(shard.shardId());
    if (last != null) {
      if (version >= 0 && last.version() >= 0 && version <= last.version()) {
        return false;
      }
      if (shard.leaderEpoch() < last.metadata().leaderEpoch()
          || shard.coordinatorEpoch() < last.metadata().coordinatorEpoch()) {
        return false;
      }
    }
    applied.put(shard.shardId(), new Applied(shard, version));
    return true;
  }

  /** Forgets a deleted shard node (one created again starts at version 0). */
  void forget(String shardId) {
    applied.remove(shardId);
  }

  /** The names of the stream's registered consumers, as last seen in ZooKeeper. */
  Set<String> consumers() {
    return consumers;
  }
}

package io.tributary.broker;

import java.util.Set;

/**
 * Where a broker keeps its shard logs: opens them and deletes them. Thread-safe.
 *
 * <p>A log is opened by one owner at a time; the store does not share or cache open logs.
 */
public interface ShardStore {
  /** Opens the log of a shard, creating it empty if it does not exist. */
  ShardLog open(StreamRef stream, String shardId);

  /** Deletes the data of one shard; its log must be closed. */
  void deleteShard(StreamRef stream, String shardId);

  /** Deletes the data of a stream incarnation; its logs must be closed. */
  void deleteStream(StreamRef stream);

  /** The stream incarnations with data in the store, by {@link StreamRef#directoryName()}. */
  Set<String> storedStreams();
}

package io.tributary.broker.internal;

import io.tributary.broker.StreamRef;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.common.stream.StreamMetadata;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the broker knows of one stream: its metadata, all its shards, the ones it leads, and its
 * registered consumers.
 * Thread-safe; only the assignment thread changes it.
 */
final class StreamState {
  private final String name;
  private final Map<String, ShardMetadata> shards = new ConcurrentHashMap<>();
  private final Map<String, LedShard> led = new ConcurrentHashMap<>();
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

  /** The names of the stream's registered consumers, as last seen in ZooKeeper. */
  Set<String> consumers() {
    return consumers;
  }
}

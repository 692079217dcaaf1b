package io.tributary.client.internal;

import io.tributary.proto.v1.StreamDescription;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The client's cache of shard maps, one per stream, loaded from DescribeStream and refreshed when a
 * broker says a shard moved or cannot be reached. Thread-safe. Brokers, not the cache, are the
 * authority: a map is only replaced when one of them contradicts it.
 */
public final class ShardMaps {
  private final Function<String, StreamDescription> describe;
  private final Executor executor;
  private final Map<String, ShardMap> maps = new ConcurrentHashMap<>();

  /**
   * @param describe asks the coordinators for a stream's description (blocking, with retries)
   * @param executor runs asynchronous refreshes
   */
  public ShardMaps(Function<String, StreamDescription> describe, Executor executor) {
    this.describe = describe;
    this.executor = executor;
  }

  /** The cached map, loaded first if there is none. */
  public ShardMap get(String stream) {
    ShardMap map = maps.get(stream);
    return map != null ? map : refresh(stream);
  }

  /** Loads the stream's map from the coordinators and caches it. */
  public ShardMap refresh(String stream) {
    ShardMap map = ShardMap.of(describe.apply(stream));
    maps.put(stream, map);
    return map;
  }

  /** Loads the map on the refresh executor. */
  public CompletableFuture<ShardMap> refreshAsync(String stream) {
    return CompletableFuture.supplyAsync(() -> refresh(stream), executor);
  }

  /** Drops {@code seen} from the cache, unless a newer map has replaced it already. */
  public void invalidate(String stream, ShardMap seen) {
    maps.remove(stream, seen);
  }
}

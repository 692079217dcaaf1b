package io.tributary.broker.internal;

import io.tributary.broker.replication.ReplicationSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The fetchers of one broker, one per leader broker it follows shards from; a shard moves to
 * another fetcher when its leader changes, and a fetcher left without shards stops.
 * Thread-safe (its own monitor).
 */
final class ReplicaFetchers implements ShardFollowers, AutoCloseable {
  private final int self;
  private final ReplicationSettings settings;
  private final IntFunction<String> addresses;
  private final Map<Integer, ReplicaFetcher> fetchers = new HashMap<>();
  private boolean closed;

  ReplicaFetchers(int self, ReplicationSettings settings, IntFunction<String> addresses) {
    this.self = self;
    this.settings = settings;
    this.addresses = addresses;
  }

  @Override
  public synchronized void follow(FollowedShard shard) {
    if (closed) {
      return;
    }
    ReplicaFetcher fetcher = fetchers.get(shard.leader());
    if (fetcher == null) {
      fetcher = new ReplicaFetcher(self, shard.leader(), settings, addresses);
      fetchers.put(shard.leader(), fetcher);
      fetcher.start();
    }
    fetcher.add(shard);
  }

  /** An answer under way for {@code shard} is dropped once the shard is closed. */
  @Override
  public synchronized void unfollow(FollowedShard shard) {
    ReplicaFetcher fetcher = fetchers.get(shard.leader());
    if (fetcher == null) {
      return;
    }
    fetcher.remove(shard);
    if (fetcher.isEmpty()) {
      fetchers.remove(shard.leader());
      fetcher.stop(false);
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    for (ReplicaFetcher fetcher : fetchers.values()) {
      fetcher.stop(true);
    }
    fetchers.clear();
  }
}

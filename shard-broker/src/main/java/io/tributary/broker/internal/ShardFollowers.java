package io.tributary.broker.internal;

/** Feeds followed shards from their leaders; see {@link ReplicaFetchers}. Implementations are thread-safe. */
interface ShardFollowers {
  /** Followers that are never fed (a registry without replication, in tests). */
  ShardFollowers NONE = new ShardFollowers() {
    @Override
    public void follow(FollowedShard shard) {
      // nothing fetches
    }

    @Override
    public void unfollow(FollowedShard shard) {
      // nothing fetches
    }
  };

  /** Starts fetching {@code shard} from its leader. */
  void follow(FollowedShard shard);

  /** Stops fetching {@code shard}. */
  void unfollow(FollowedShard shard);
}

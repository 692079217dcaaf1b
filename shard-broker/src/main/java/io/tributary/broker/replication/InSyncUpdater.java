package io.tributary.broker.replication;

import io.tributary.common.stream.ShardMetadata;
import java.util.List;

/**
 * Writes a shard's new in-sync set on behalf of its leader, by compare-and-set against {@code base}
 * (the metadata the leader acts under). Asynchronous: returns at once; on success the caller's
 * wiring hands the written metadata to {@link LeaderReplica#update}; on a lost race (the node moved
 * on: a new epoch, another leader) the leader learns the new metadata from ZooKeeper as usual.
 * Implemented over ZooKeeper in the broker and over a twin in the simulation.
 */
@FunctionalInterface
public interface InSyncUpdater {
  void propose(ShardMetadata base, List<Integer> newInSync);
}

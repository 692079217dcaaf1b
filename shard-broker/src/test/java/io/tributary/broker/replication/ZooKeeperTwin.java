package io.tributary.broker.replication;

import io.tributary.common.stream.ShardMetadata;

/**
 * One shard node of ZooKeeper: its metadata and version, changed only by compare-and-set. Confined
 * to the simulation's thread.
 */
final class ZooKeeperTwin {
  /** A node value with the version it was written as. */
  record Versioned(ShardMetadata metadata, int version) {}

  private Versioned node;

  ZooKeeperTwin(ShardMetadata initial) {
    node = new Versioned(initial, 0);
  }

  Versioned read() {
    return node;
  }

  /** Writes {@code metadata} if the node is still at {@code expectedVersion}; null if the race was lost. */
  Versioned compareAndSet(int expectedVersion, ShardMetadata metadata) {
    if (node.version() != expectedVersion) {
      return null;
    }
    node = new Versioned(metadata, expectedVersion + 1);
    return node;
  }
}

package io.tributary.broker.internal;

import io.tributary.broker.replication.ReplicationSettings;
import io.tributary.common.stream.ShardMetadata;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * What the registry needs to replicate the shards it holds: the settings, a monotonic clock, the
 * fetchers that feed followed shards, and where a leader's in-sync proposals go. Immutable.
 */
record ReplicationWiring(
    ReplicationSettings settings, LongSupplier nanoTime, ShardFollowers followers, InSyncProposals proposals) {

  /** Writes a leader's in-sync proposal for a shard of {@code stream}; asynchronous. */
  @FunctionalInterface
  interface InSyncProposals {
    void propose(String stream, ShardMetadata base, List<Integer> inSync);
  }

  /** No followers fed, no proposals written: a broker on its own (tests). */
  static ReplicationWiring standalone() {
    return new ReplicationWiring(
        ReplicationSettings.DEFAULTS, System::nanoTime, ShardFollowers.NONE, (stream, base, inSync) -> { });
  }
}

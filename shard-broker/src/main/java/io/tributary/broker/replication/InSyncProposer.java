package io.tributary.broker.replication;

import io.tributary.common.stream.ShardMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * The change of the in-sync set a leader has sent for writing and not yet seen in metadata, and
 * when to send it again. Confined to its {@link LeaderReplica}'s lock; the caller sends what it
 * returns after releasing that lock.
 *
 * <p>At most one change is pending at a time, so that the leader never races itself over the
 * shard's node; one left unanswered is sent again, since its write may have been lost.
 */
final class InSyncProposer {
  private final long retryNanos;
  private Proposal pending;

  /** A change of the in-sync set to {@code inSync}, proposed over {@code base} at {@code proposedNanos}. */
  record Proposal(ShardMetadata base, List<Integer> inSync, long proposedNanos) {}

  InSyncProposer(ReplicationSettings settings) {
    this.retryNanos = Math.max(settings.fetchMaxWait().toNanos() * 4, settings.lagTimeMax().toNanos() / 2);
  }

  boolean pending() {
    return pending != null;
  }

  /** The in-sync set proposed and not yet written, or null if none is pending. */
  List<Integer> pendingInSync() {
    return pending == null ? null : pending.inSync();
  }

  Proposal propose(ShardMetadata base, List<Integer> inSync, long nowNanos) {
    pending = new Proposal(base, List.copyOf(inSync), nowNanos);
    return pending;
  }

  /** Proposes adding {@code follower} to {@code base}'s in-sync set. */
  Proposal proposeJoining(ShardMetadata base, int follower, long nowNanos) {
    List<Integer> grown = new ArrayList<>(base.inSyncReplicas());
    grown.add(follower);
    return propose(base, grown, nowNanos);
  }

  /** Sends the pending change again over {@code base} if it went unanswered too long; else null. */
  Proposal retryIfDue(ShardMetadata base, long nowNanos) {
    if (pending == null || nowNanos - pending.proposedNanos() < retryNanos) {
      return null;
    }
    return propose(base, pending.inSync(), nowNanos);
  }

  /** The metadata moved past the version the pending change was based on: it no longer counts. */
  void clear() {
    pending = null;
  }
}

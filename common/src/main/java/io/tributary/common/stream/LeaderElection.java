package io.tributary.common.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a shard's metadata becomes when the set of live brokers changes: the coordinator's failover
 * rule, kept pure so that the replication simulation runs the very rule the coordinator applies.
 * Stateless.
 *
 * <p>Rules: a dead broker leaves the in-sync set (it can confirm nothing), except that the set never
 * becomes empty (its last member stays, since only it is known to hold every committed record). A
 * dead leader is replaced by the first replica, in replica order, that is in sync and live, under
 * epoch + 1; if none is live the shard has {@link ShardMetadata#NO_LEADER} and waits. A shard without
 * a leader gets one, under epoch + 1, as soon as an in-sync replica is live again. Replicas that are
 * not in sync never lead (no unclean election), so no committed record is ever lost to a failover.
 */
public final class LeaderElection {
  private LeaderElection() {}

  /**
   * The metadata {@code shard} should have with {@code live} brokers, or {@code shard} itself
   * (the same instance) when nothing changes.
   *
   * @param writerEpoch the deciding coordinator's term, recorded in changed metadata
   */
  public static ShardMetadata apply(ShardMetadata shard, Set<Integer> live, long writerEpoch) {
    List<Integer> inSync = new ArrayList<>();
    for (int broker : shard.inSyncReplicas()) {
      if (live.contains(broker)) {
        inSync.add(broker);
      }
    }
    boolean leaderLive = shard.leader() != ShardMetadata.NO_LEADER && live.contains(shard.leader());
    if (leaderLive) {
      if (inSync.size() == shard.inSyncReplicas().size()) {
        return shard;
      }
      return shard.withLeader(shard.leader(), shard.leaderEpoch(), inSync, writerEpoch);
    }
    Integer next = null;
    for (int broker : shard.replicas()) {
      if (inSync.contains(broker)) {
        next = broker;
        break;
      }
    }
    if (next == null) {
      if (shard.leader() == ShardMetadata.NO_LEADER) {
        return shard;
      }
      // Keep the last in-sync member(s): one of them must come back before the shard can lead again.
      List<Integer> keep = shard.inSyncReplicas().isEmpty() ? List.of(shard.leader()) : shard.inSyncReplicas();
      return shard.withLeader(ShardMetadata.NO_LEADER, shard.leaderEpoch(), keep, writerEpoch);
    }
    return shard.withLeader(next, shard.leaderEpoch() + 1, inSync, writerEpoch);
  }

  /**
   * A deliberate leader change (drain, preferred leader, rebalance) to {@code newLeader}, which must
   * be in sync; epoch + 1, in-sync set unchanged.
   *
   * @throws IllegalArgumentException if {@code newLeader} is not in sync
   */
  public static ShardMetadata moveLeader(ShardMetadata shard, int newLeader, long writerEpoch) {
    if (!shard.inSyncReplicas().contains(newLeader)) {
      throw new IllegalArgumentException("broker " + newLeader + " is not in sync for shard " + shard.shardId()
          + " (in sync: " + shard.inSyncReplicas() + "); it cannot lead without losing committed records");
    }
    if (shard.leader() == newLeader) {
      return shard;
    }
    return shard.withLeader(newLeader, shard.leaderEpoch() + 1, shard.inSyncReplicas(), writerEpoch);
  }
}

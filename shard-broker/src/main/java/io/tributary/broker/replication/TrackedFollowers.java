package io.tributary.broker.replication;

import io.tributary.common.stream.ShardMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The followers one leader tracks, with the progress of each: which are kept as the replica list
 * changes, the lowest log end of a set of them, and which lagged too long to stay in sync.
 * Confined to its {@link LeaderReplica}'s lock.
 *
 * <p>Kept apart from the leader so that what the high watermark and the in-sync decisions read of
 * the followers sits in one place, next to how that record changes with the metadata.
 */
final class TrackedFollowers {
  private final int self;
  private final LongSupplier nanoTime;
  private final List<FollowerProgress> followers = new ArrayList<>();

  /** Tracks every replica of {@code metadata} but {@code self}, as caught up at {@code nowNanos}. */
  TrackedFollowers(int self, ShardMetadata metadata, LongSupplier nanoTime, long nowNanos) {
    this.self = self;
    this.nanoTime = nanoTime;
    for (int broker : metadata.replicas()) {
      if (broker != self) {
        followers.add(new FollowerProgress(broker, nowNanos));
      }
    }
  }

  /**
   * Follows a change of the replica list and the in-sync set: tracks new replicas, counts a
   * follower that joined the in-sync set as caught up now, and forgets those no longer replicas.
   */
  void update(ShardMetadata previous, ShardMetadata next, long nowNanos) {
    for (int broker : next.replicas()) {
      if (broker != self && find(broker) == null) {
        followers.add(new FollowerProgress(broker, nowNanos));
      }
    }
    for (int broker : next.inSyncReplicas()) {
      FollowerProgress joined = previous.inSyncReplicas().contains(broker) ? null : find(broker);
      if (joined != null) {
        joined.lastCaughtUpNanos = nowNanos;
      }
    }
    followers.removeIf(progress -> !next.hasReplica(progress.broker));
  }

  /** The progress of {@code broker}, tracked from now on if it was not. */
  FollowerProgress progressOf(int broker) {
    FollowerProgress progress = find(broker);
    if (progress == null) {
      progress = new FollowerProgress(broker, nanoTime.getAsLong());
      followers.add(progress);
    }
    return progress;
  }

  /** The progress of {@code broker}, or null if it is not tracked. */
  FollowerProgress find(int broker) {
    for (int i = 0; i < followers.size(); i++) {
      if (followers.get(i).broker == broker) {
        return followers.get(i);
      }
    }
    return null;
  }

  /** The lowest log end of {@code members} but this leader ({@link FollowerProgress#UNKNOWN} for one not seen). */
  long lowestEnd(List<Integer> members) {
    long lowest = Long.MAX_VALUE;
    for (int i = 0; i < members.size(); i++) {
      int broker = members.get(i);
      if (broker != self) {
        FollowerProgress progress = find(broker);
        lowest = Math.min(lowest, progress == null ? FollowerProgress.UNKNOWN : progress.logEnd);
      }
    }
    return lowest;
  }

  /** {@code inSync} without the followers last caught up more than {@code lagMaxNanos} ago. */
  List<Integer> withoutLaggers(List<Integer> inSync, long nowNanos, long lagMaxNanos) {
    List<Integer> kept = new ArrayList<>();
    for (int broker : inSync) {
      FollowerProgress progress = broker == self ? null : find(broker);
      if (progress == null || nowNanos - progress.lastCaughtUpNanos <= lagMaxNanos) {
        kept.add(broker);
      }
    }
    return kept;
  }

  /** Followers' log ends as last fetched, by broker id. */
  Map<Integer, Long> logEnds() {
    Map<Integer, Long> ends = new LinkedHashMap<>();
    for (FollowerProgress progress : followers) {
      if (progress.logEnd != FollowerProgress.UNKNOWN) {
        ends.put(progress.broker, progress.logEnd);
      }
    }
    return ends;
  }
}

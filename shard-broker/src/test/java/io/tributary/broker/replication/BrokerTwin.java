package io.tributary.broker.replication;

import io.tributary.broker.InMemoryShardLog;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.common.time.ManualClock;
import java.util.function.LongSupplier;

/**
 * A broker in the replication simulation: its log (which survives crashes), the shard metadata it
 * last learned, and the replica object its role calls for, recreated the way the real broker does
 * when the leader or epoch changes. Confined to the simulation's thread.
 */
final class BrokerTwin {
  final int id;
  final TrackedLog log;
  boolean up = true;
  /** Its ZooKeeper session expired (the coordinator counts it dead) but it runs on, unaware. */
  boolean paused;
  /** Bumped by every crash, so that writes proposed before it are recognised. */
  int incarnation;
  ZooKeeperTwin.Versioned known;
  LeaderReplica leader;
  FollowerReplica follower;
  long followerHighWatermark;
  /** The fetch in flight (0: none), the step it was sent at, and the replica that sent it. */
  long outstandingFetch;
  long outstandingSince;
  FollowerReplica outstandingFrom;

  BrokerTwin(int id, ManualClock clock) {
    this.id = id;
    this.log = new TrackedLog(new InMemoryShardLog("broker-" + id, clock));
  }

  /** Takes the role {@code latest} calls for, unless it is older than what this broker applied. */
  void learn(ZooKeeperTwin.Versioned latest, ReplicationSettings settings, LongSupplier nanoTime,
      InSyncUpdater updater) {
    if (known != null && latest.version() <= known.version()) {
      return;
    }
    known = latest;
    ShardMetadata metadata = latest.metadata();
    if (metadata.leader() == id) {
      if (leader != null && leader.metadata().leaderEpoch() == metadata.leaderEpoch()) {
        leader.update(metadata);
        return;
      }
      stopLeading();
      leader = new LeaderReplica(ReplicaFixtures.STREAM, id, metadata, log, followerHighWatermark, settings, nanoTime,
          updater);
      follower = null;
      return;
    }
    stopLeading();
    if (metadata.hasReplica(id) && metadata.leader() != ShardMetadata.NO_LEADER) {
      if (follower == null || follower.metadata().leaderEpoch() != metadata.leaderEpoch()) {
        follower = new FollowerReplica(ReplicaFixtures.STREAM, id, metadata, ReplicaFixtures.UID, log);
        followerHighWatermark = 0;
      }
    } else {
      follower = null;
    }
  }

  void crash() {
    stopLeading();
    follower = null;
    known = null;
    followerHighWatermark = 0;
    outstandingFetch = 0;
    outstandingFrom = null;
    up = false;
    paused = false;
    incarnation++;
  }

  private void stopLeading() {
    if (leader != null) {
      leader.close(new TributaryException(ErrorCode.NOT_SHARD_OWNER,
          "broker " + id + " no longer leads the shard; refresh the shard map and retry"));
      leader = null;
    }
  }
}

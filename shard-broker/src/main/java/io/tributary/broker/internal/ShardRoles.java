package io.tributary.broker.internal;

import io.tributary.broker.ProducerStateSettings;
import io.tributary.broker.QuotaSettings;
import io.tributary.broker.ShardLog;
import io.tributary.broker.ShardStore;
import io.tributary.broker.StreamRef;
import io.tributary.broker.replication.LeaderReplica;
import io.tributary.common.error.Errors;
import io.tributary.common.stream.ShardMetadata;
import java.time.Clock;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Takes up this broker's role for a shard from its metadata: leader is this broker -> a led shard
 * (kept while the leader epoch stays, replaced when it changes); a replica but not the leader -> a
 * followed shard fed by a fetcher; neither -> nothing open, and the local data is deleted once the
 * broker is no longer a replica at all. Confined to the thread that changes the registry (its
 * assignment thread, or the one closing the broker), which alone opens and closes logs.
 *
 * <p>Kept apart from the registry's lookups so that the rules for moving between roles, and what
 * a new leader takes over as committed, read in one place.
 */
final class ShardRoles {
  private static final Logger LOG = LogManager.getLogger(ShardRoles.class);

  private final int brokerId;
  private final ShardStore store;
  private final QuotaSettings quotas;
  private final ProducerStateSettings producerStates;
  private final BrokerMetrics metrics;
  private final Clock clock;
  private final ReplicationWiring replication;

  ShardRoles(
      int brokerId, ShardStore store, QuotaSettings quotas, ProducerStateSettings producerStates,
      BrokerMetrics metrics, Clock clock, ReplicationWiring replication) {
    this.brokerId = brokerId;
    this.store = store;
    this.quotas = quotas;
    this.producerStates = producerStates;
    this.metrics = metrics;
    this.clock = clock;
    this.replication = replication;
  }

  /** Leads, follows or drops {@code shard} as its metadata says; a failure leaves it unserved here. */
  void reconcile(StreamState state, ShardMetadata shard) {
    if (state.metadata() == null) {
      return;
    }
    try {
      if (shard.leader() == brokerId) {
        lead(state, shard);
      } else if (shard.hasReplica(brokerId)) {
        follow(state, shard);
      } else {
        drop(state, shard);
      }
    } catch (RuntimeException e) {
      LOG.error("cannot take up the role of broker {} for shard {} of stream '{}' (leader {}, epoch {}); it stays "
          + "unserved here until its metadata changes", brokerId, shard.shardId(), state.name(), shard.leader(),
          shard.leaderEpoch(), e);
    }
  }

  /** Leads under {@code shard}'s epoch: updates the led shard of that epoch, or starts a new one. */
  private void lead(StreamState state, ShardMetadata shard) {
    LedShard current = state.led().get(shard.shardId());
    if (current != null && current.leaderEpoch() == shard.leaderEpoch()) {
      current.update(shard);
      return;
    }
    long knownCommitted = 0;
    if (current != null) {
      knownCommitted = current.highWatermark();
      state.led().remove(shard.shardId());
      current.close(Errors.notShardOwner(state.name(), shard.shardId(), brokerId));
    }
    FollowedShard followed = state.followed().get(shard.shardId());
    if (followed != null) {
      knownCommitted = followed.highWatermark();
      stopFollowing(state, shard.shardId());
    }
    open(state, shard, knownCommitted);
  }

  /** Follows the leader {@code shard} names, unless it already does under that epoch. */
  private void follow(StreamState state, ShardMetadata shard) {
    stopLeading(state, shard);
    FollowedShard current = state.followed().get(shard.shardId());
    if (current != null && current.leaderEpoch() == shard.leaderEpoch() && current.leader() == shard.leader()) {
      return;
    }
    stopFollowing(state, shard.shardId());
    if (shard.leader() == ShardMetadata.NO_LEADER) {
      LOG.info("shard {} of stream '{}' has no leader (epoch {}); broker {} waits for one", shard.shardId(),
          state.name(), shard.leaderEpoch(), brokerId);
      return;
    }
    ShardLog log = store.open(state.ref(), shard.shardId());
    FollowedShard followed;
    try {
      followed = new FollowedShard(brokerId, state.ref(), shard, log);
    } catch (RuntimeException e) {
      log.close();
      throw e;
    }
    state.followed().put(shard.shardId(), followed);
    replication.followers().follow(followed);
    LOG.info("follows {} from broker {} (epoch {}) from sequence {}", followed.name(), shard.leader(),
        shard.leaderEpoch(), log.nextSequenceNumber());
  }

  /** Neither leads nor follows; a broker that is no longer a replica at all deletes its data of the shard. */
  private void drop(StreamState state, ShardMetadata shard) {
    stopLeading(state, shard);
    stopFollowing(state, shard.shardId());
    if (shard.replicas() != null && !shard.replicas().isEmpty()) {
      store.deleteShard(state.ref(), shard.shardId());
    }
  }

  private void stopLeading(StreamState state, ShardMetadata shard) {
    LedShard current = state.led().remove(shard.shardId());
    if (current != null) {
      current.close(Errors.notShardOwner(state.name(), shard.shardId(), brokerId));
      LOG.info("no longer leads {}: broker {} does (epoch {})", current.name(), shard.leader(), shard.leaderEpoch());
    }
  }

  void stopFollowing(StreamState state, String shardId) {
    FollowedShard current = state.followed().remove(shardId);
    if (current != null) {
      replication.followers().unfollow(current);
      current.close();
    }
  }

  /**
   * Starts leading with what this broker knew to be committed; if it is the only in-sync replica,
   * everything in its log is committed by definition.
   */
  private void open(StreamState state, ShardMetadata shard, long knownCommitted) {
    StreamRef ref = state.ref();
    shard.hashKeyRange();
    ShardLog log = store.open(ref, shard.shardId());
    try {
      boolean alone = shard.inSyncReplicas() == null || shard.inSyncReplicas().equals(List.of(brokerId));
      long committed = alone ? log.nextSequenceNumber() : knownCommitted;
      LedShard led = new LedShard(ref, shard, log, quotas, producerStates, metrics, clock,
          (stream, metadata, shardLog) -> leaderReplica(stream, metadata, shardLog, committed));
      state.led().put(shard.shardId(), led);
      LOG.info("leads {} (epoch {}): sequence [{}, {}), committed to {}, {}", led.name(), shard.leaderEpoch(),
          log.firstSequenceNumber(), log.nextSequenceNumber(), led.highWatermark(), led.producerRebuild());
    } catch (RuntimeException e) {
      log.close();
      throw e;
    }
  }

  private LeaderReplica leaderReplica(String stream, ShardMetadata metadata, ShardLog log, long committed) {
    return new LeaderReplica(stream, brokerId, metadata, log, committed, replication.settings(),
        replication.nanoTime(), (base, inSync) -> replication.proposals().propose(stream, base, inSync));
  }
}

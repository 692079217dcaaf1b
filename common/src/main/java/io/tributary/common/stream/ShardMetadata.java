package io.tributary.common.stream;

import java.math.BigInteger;
import java.util.List;

/**
 * A shard's placement and lineage as stored in its ZooKeeper node. Immutable; changed by writing a
 * new value with compare-and-set on the node version. Hash keys are decimal strings.
 *
 * <p>Replication: {@code replicas} lists the brokers holding the shard (the first is the preferred
 * leader), {@code inSyncReplicas} those known to hold every committed record, {@code leader} the one
 * serving it under {@code leaderEpoch} ({@link #NO_LEADER} while no in-sync replica is live). Only
 * the leading coordinator changes the leader and epoch; the shard's leader shrinks and grows the
 * in-sync set; both by compare-and-set on the node version. {@code coordinatorEpoch} is the term
 * of the coordinator that last wrote the node: brokers ignore a write under an older term.
 */
public record ShardMetadata(
    String shardId,
    String startingHashKey,
    String endingHashKey,
    List<String> parentShardIds,
    String state,
    int leader,
    long leaderEpoch,
    List<Integer> replicas,
    List<Integer> inSyncReplicas,
    long endingSequenceNumber,
    long coordinatorEpoch) {

  /** {@link #leader()} while no in-sync replica is live to lead. */
  public static final int NO_LEADER = -1;

  public static final String OPEN = "OPEN";
  public static final String CLOSED = "CLOSED";

  public HashKeyRange hashKeyRange() {
    return new HashKeyRange(
        HashKey.of(new BigInteger(startingHashKey)), HashKey.of(new BigInteger(endingHashKey)));
  }

  /** Without a coordinator epoch (written before replication, or by tools). */
  public ShardMetadata(String shardId, String startingHashKey, String endingHashKey, List<String> parentShardIds,
      String state, int leader, long leaderEpoch, List<Integer> replicas, List<Integer> inSyncReplicas,
      long endingSequenceNumber) {
    this(shardId, startingHashKey, endingHashKey, parentShardIds, state, leader, leaderEpoch, replicas,
        inSyncReplicas, endingSequenceNumber, 0);
  }

  public boolean open() {
    return OPEN.equals(state);
  }

  /** Whether {@code broker} holds a replica of the shard. */
  public boolean hasReplica(int broker) {
    return replicas != null && replicas.contains(broker);
  }

  public ShardMetadata withLeader(int newLeader, long newEpoch, List<Integer> newInSync, long writerEpoch) {
    return new ShardMetadata(shardId, startingHashKey, endingHashKey, parentShardIds, state, newLeader, newEpoch,
        replicas, List.copyOf(newInSync), endingSequenceNumber, writerEpoch);
  }

  public ShardMetadata withInSyncReplicas(List<Integer> newInSync) {
    return new ShardMetadata(shardId, startingHashKey, endingHashKey, parentShardIds, state, leader, leaderEpoch,
        replicas, List.copyOf(newInSync), endingSequenceNumber, coordinatorEpoch);
  }

  public ShardMetadata withReplicas(List<Integer> newReplicas, List<Integer> newInSync, long writerEpoch) {
    return new ShardMetadata(shardId, startingHashKey, endingHashKey, parentShardIds, state, leader, leaderEpoch,
        List.copyOf(newReplicas), List.copyOf(newInSync), endingSequenceNumber, writerEpoch);
  }
}

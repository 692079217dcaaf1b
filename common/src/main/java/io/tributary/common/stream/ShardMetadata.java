package io.tributary.common.stream;

import java.math.BigInteger;
import java.util.List;

/**
 * A shard's placement and lineage as stored in its ZooKeeper node. Immutable; changed by writing a
 * new value with compare-and-set on the node version. Hash keys are decimal strings.
 *
 * <p>The replica fields already have the shape replication needs: a leader under an epoch, a replica
 * list and an in-sync set; with replication factor 1 the leader is the only replica.
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
    long endingSequenceNumber) {

  public static final String OPEN = "OPEN";
  public static final String CLOSED = "CLOSED";

  public HashKeyRange hashKeyRange() {
    return new HashKeyRange(
        HashKey.of(new BigInteger(startingHashKey)), HashKey.of(new BigInteger(endingHashKey)));
  }

  public boolean open() {
    return OPEN.equals(state);
  }
}

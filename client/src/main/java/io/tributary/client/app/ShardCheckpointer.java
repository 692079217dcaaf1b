package io.tributary.client.app;

import io.tributary.common.error.Errors;

/**
 * The checkpointer of one held lease: writes through {@link LeaseStore} with the lease's version,
 * and on refusal marks the lease lost. Confined to the shard worker's thread, apart from the
 * volatile lost flag that the balancer may set.
 */
final class ShardCheckpointer implements Checkpointer {
  private final LeaseStore store;
  private final String shardId;
  private final int leaseVersion;
  private long lastDelivered = -1;
  private long lastCheckpoint = -1;
  private boolean atShardEnd;
  private boolean shardEndWritten;
  private volatile boolean lost;

  ShardCheckpointer(LeaseStore store, String shardId, int leaseVersion) {
    this.store = store;
    this.shardId = shardId;
    this.leaseVersion = leaseVersion;
  }

  @Override
  public String shardId() {
    return shardId;
  }

  void delivered(long sequenceNumber) {
    lastDelivered = sequenceNumber;
  }

  void atShardEnd() {
    atShardEnd = true;
  }

  boolean shardEndWritten() {
    return shardEndWritten;
  }

  void lost() {
    lost = true;
  }

  boolean isLost() {
    return lost;
  }

  @Override
  public void checkpoint() {
    if (atShardEnd) {
      write(LeaseStore.SHARD_END);
      shardEndWritten = true;
    } else if (lastDelivered >= 0) {
      checkpoint(lastDelivered);
    }
  }

  @Override
  public void checkpoint(long sequenceNumber) {
    if (sequenceNumber < 0 || sequenceNumber > lastDelivered) {
      throw Errors.invalid("cannot checkpoint shard '" + shardId + "' at " + sequenceNumber
          + ": the last record delivered is " + lastDelivered + "; checkpoint a delivered record");
    }
    write(Long.toString(sequenceNumber));
    lastCheckpoint = sequenceNumber;
  }

  @Override
  public long lastCheckpoint() {
    return lastCheckpoint;
  }

  private void write(String value) {
    if (lost || !store.checkpoint(shardId, leaseVersion, value)) {
      lost = true;
      throw new LeaseLostException("cannot checkpoint shard '" + shardId
          + "': this instance no longer holds its lease (another instance took it or the ZooKeeper session"
          + " ended); stop processing this shard, its new owner resumes after the last checkpoint");
    }
  }
}

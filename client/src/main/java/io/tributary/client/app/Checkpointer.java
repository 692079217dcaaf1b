package io.tributary.client.app;

/**
 * Commits an application's progress in one shard to ZooKeeper, but only while this instance still
 * holds the shard's lease. Confined to the shard worker's thread (use it inside the callbacks).
 */
public interface Checkpointer {
  String shardId();

  /**
   * Checkpoints the last record delivered to the processor; inside
   * {@link RecordProcessor#shardEnded} it checkpoints the end of the shard (SHARD_END).
   *
   * @throws LeaseLostException when the lease is no longer this instance's
   */
  void checkpoint();

  /**
   * Checkpoints at {@code sequenceNumber}, which must be a record already delivered.
   *
   * @throws LeaseLostException when the lease is no longer this instance's
   */
  void checkpoint(long sequenceNumber);

  /** The last checkpointed sequence number, or -1 if none was written by this lease. */
  long lastCheckpoint();
}

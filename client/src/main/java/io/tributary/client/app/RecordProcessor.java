package io.tributary.client.app;

import io.tributary.client.Position;
import io.tributary.client.ReceivedRecord;
import java.util.List;

/**
 * An application's code for one shard lease: records arrive in order, and the processor commits its
 * progress with the {@link Checkpointer}. Each instance is called by one shard worker thread only,
 * so it needs no locking. After a crash, records after the last checkpoint are delivered again.
 */
public interface RecordProcessor {
  /** Called once before the first records; {@code start} is where reading begins. */
  default void initialize(String shardId, Position start) {}

  /** The next records of the shard, in sequence order (never empty). */
  void processRecords(List<ReceivedRecord> records, Checkpointer checkpointer);

  /**
   * The shard is closed and every record was delivered. Call {@link Checkpointer#checkpoint()} here:
   * it records SHARD_END, which lets the shard's children be leased.
   */
  void shardEnded(Checkpointer checkpointer);

  /** Another instance took the lease or the ZooKeeper session was lost: stop, checkpoints now fail. */
  default void leaseLost() {}

  /** The instance is shutting down or rebalancing this lease away: a last chance to checkpoint. */
  default void shutdownRequested(Checkpointer checkpointer) {}
}

package io.tributary.client.app;

import java.util.List;

/**
 * A consumer application's progress as ZooKeeper and the brokers show it at one moment. Immutable.
 *
 * @param members live instance ids
 * @param shards every shard of the stream, in the stream's order
 */
public record ApplicationState(String stream, String application, List<String> members, List<ShardProgress> shards) {
  /**
   * One shard's lease and checkpoint.
   *
   * @param owner instance holding the lease, or null when none does
   * @param checkpoint last checkpointed sequence number as decimal text, "SHARD_END", or null
   * @param lag readable records after the checkpoint (0 at SHARD_END), or -1 when it cannot be told:
   *     the shard's sequence range is unknown or the checkpoint is not a sequence number
   */
  public record ShardProgress(String shardId, boolean open, String owner, String checkpoint, long lag) {}
}

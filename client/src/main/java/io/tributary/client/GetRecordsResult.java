package io.tributary.client;

import io.tributary.proto.v1.ShardInfo;
import java.util.List;

/**
 * One get-records answer. Immutable.
 *
 * @param nextShardIterator null once a closed shard has been read to its end
 * @param childShards the shards that took over a closed shard's hash keys, filled with the answer
 *     that reaches its end (empty otherwise)
 */
public record GetRecordsResult(
    List<ReceivedRecord> records, String nextShardIterator, long millisBehindLatest, List<ShardInfo> childShards) {

  public GetRecordsResult {
    childShards = List.copyOf(childShards);
  }

  /** An answer without child shards: a shard still open or not yet read to its end. */
  public GetRecordsResult(List<ReceivedRecord> records, String nextShardIterator, long millisBehindLatest) {
    this(records, nextShardIterator, millisBehindLatest, List.of());
  }
}

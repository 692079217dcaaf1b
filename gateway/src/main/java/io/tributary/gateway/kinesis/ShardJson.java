package io.tributary.gateway.kinesis;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.common.stream.ShardIds;
import io.tributary.proto.v1.ShardInfo;
import io.tributary.proto.v1.ShardState;

/**
 * Writes native shard descriptions in their Kinesis shape. Thread-safe (stateless).
 *
 * <p>Native shards have at most two parents; Kinesis names the first ParentShardId and the second
 * AdjacentParentShardId. A closed shard's native ending number is its last record, which is what
 * Kinesis's EndingSequenceNumber means.
 */
final class ShardJson {
  private ShardJson() {}

  static void hashKeyRange(ObjectNode target, ShardInfo shard) {
    ObjectNode range = target.putObject("HashKeyRange");
    range.put("StartingHashKey", shard.getHashKeyRange().getStartingHashKey());
    range.put("EndingHashKey", shard.getHashKeyRange().getEndingHashKey());
  }

  static ObjectNode shard(ObjectNode target, ShardInfo shard, String streamUid) {
    target.put("ShardId", shard.getShardId());
    if (shard.getParentShardIdsCount() > 0) {
      target.put("ParentShardId", shard.getParentShardIds(0));
    }
    if (shard.getParentShardIdsCount() > 1) {
      target.put("AdjacentParentShardId", shard.getParentShardIds(1));
    }
    hashKeyRange(target, shard);
    int index = ShardIds.index(shard.getShardId());
    ObjectNode range = target.putObject("SequenceNumberRange");
    range.put("StartingSequenceNumber",
        SequenceNumbers.encode(shard.getFirstSequenceNumber(), index, streamUid));
    if (closed(shard)) {
      range.put("EndingSequenceNumber", SequenceNumbers.encode(shard.getEndingSequenceNumber(), index, streamUid));
    }
    return target;
  }

  static boolean closed(ShardInfo shard) {
    return shard.getState() == ShardState.CLOSED;
  }
}

package io.tributary.gateway.kinesis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.client.ReceivedRecord;
import io.tributary.common.stream.ShardIds;
import io.tributary.proto.v1.ShardInfo;
import io.tributary.gateway.wire.Codec;
import io.tributary.proto.v1.ShardState;
import java.time.Instant;
import java.util.List;

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

  /** Kinesis's ChildShards member: each child with its parents and hash key range. */
  static void childShards(ObjectNode target, List<ShardInfo> children) {
    ArrayNode array = target.putArray("ChildShards");
    for (ShardInfo child : children) {
      ObjectNode c = array.addObject();
      c.put("ShardId", child.getShardId());
      ArrayNode parents = c.putArray("ParentShards");
      child.getParentShardIdsList().forEach(parents::add);
      hashKeyRange(c, child);
    }
  }

  /** Kinesis's Records member, with sequence numbers of {@code shardIndex} in a stream of {@code streamUid}. */
  static void records(ObjectNode target, List<ReceivedRecord> received, int shardIndex, String streamUid) {
    ArrayNode records = target.putArray("Records");
    for (ReceivedRecord r : received) {
      ObjectNode record = records.addObject();
      record.put("SequenceNumber", SequenceNumbers.encode(r.sequenceNumber(), shardIndex, streamUid));
      record.set("ApproximateArrivalTimestamp", Codec.timestamp(Instant.ofEpochMilli(r.arrivalMillis())));
      record.put("Data", r.data());
      record.put("PartitionKey", r.partitionKey());
    }
  }

  static boolean closed(ShardInfo shard) {
    return shard.getState() == ShardState.CLOSED;
  }
}

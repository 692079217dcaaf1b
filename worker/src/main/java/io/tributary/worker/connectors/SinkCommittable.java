package io.tributary.worker.connectors;

import io.tributary.client.PutRecord;
import java.util.List;

/**
 * The records an exactly-once stream sink buffered up to one checkpoint, already numbered: written
 * to their shards only once that checkpoint completed, and written again, unchanged, after a
 * restore from it. Immutable; the record data arrays are never changed.
 *
 * @param checkpointId the checkpoint whose completion commits them ({@link Long#MAX_VALUE} at end of input)
 * @param producerId the idempotent producer id they are written under
 * @param shards per shard, the records and the producer sequence of the first
 */
record SinkCommittable(long checkpointId, long producerId, List<ShardBatch> shards) {
  SinkCommittable {
    shards = List.copyOf(shards);
  }

  /** Records for one shard, numbered {@code firstSequence, firstSequence + 1, ...}. */
  record ShardBatch(String shardId, long firstSequence, List<PutRecord> records) {
    ShardBatch {
      records = List.copyOf(records);
    }

    /** The producer sequence after the last record. */
    long nextSequence() {
      return firstSequence + records.size();
    }
  }

  int recordCount() {
    return shards.stream().mapToInt(s -> s.records().size()).sum();
  }
}

package io.tributary.worker.connectors;

import io.tributary.client.PutRecord;
import io.tributary.client.TributaryClient;
import java.util.List;

/**
 * What an exactly-once stream sink needs of a stream: where a key goes, and a numbered write to one
 * shard that brokers apply once. Implementations are thread-safe.
 */
interface ShardWrites {
  String shardFor(String partitionKey);

  /** Writes records under {@code producerId} from producer sequence {@code firstSequence}, until acknowledged. */
  void put(String shardId, long producerId, long firstSequence, List<PutRecord> records);

  static ShardWrites of(TributaryClient client, String stream) {
    return new ShardWrites() {
      @Override
      public String shardFor(String partitionKey) {
        return client.shardFor(stream, partitionKey);
      }

      @Override
      public void put(String shardId, long producerId, long firstSequence, List<PutRecord> records) {
        client.putSequenced(stream, shardId, producerId, firstSequence, records);
      }
    };
  }
}

package io.tributary.coordinator;

import io.tributary.common.stream.ShardMetadata;
import java.util.List;

/**
 * A stream with, per shard, the live address of its leader and its sequence range; its scaling
 * history (newest first) and registered consumers. Immutable.
 */
record DescribedStream(StreamSnapshot snapshot, List<Shard> shards, List<ScalingRecord> scalingEvents,
    List<ConsumerRecord> consumers) {
  DescribedStream {
    shards = List.copyOf(shards);
    scalingEvents = List.copyOf(scalingEvents);
    consumers = List.copyOf(consumers);
  }

  /** One shard; {@code leaderAddress} is empty while its leader broker is not live. */
  record Shard(ShardMetadata metadata, String leaderAddress, SequenceRange range) {}
}

package io.tributary.broker.internal;

import com.google.protobuf.ByteString;
import io.tributary.broker.QuotaSettings;
import io.tributary.broker.StreamRef;
import io.tributary.common.stream.HashKeyRange;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.proto.v1.PutRecordsEntry;
import io.tributary.proto.v1.ShardPut;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.queue.rollcycles.LegacyRollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures what the idempotence check costs a shard's put path, without gRPC: the same 500-record
 * batches appended to a Chronicle log plainly, with producer fields but unchecked (what storing
 * them costs), and as an idempotent producer, in rounds that rotate the order, on one thread. Prints the rates; asserts nothing. Run with {@code -Dtributary.bench=true
 * -Dit.test=IdempotenceCostIT}.
 */
@EnabledIfSystemProperty(named = "tributary.bench", matches = "true")
class IdempotenceCostIT {
  private static final int BATCH = 500;
  private static final int BATCHES = 2_000;
  private static final int ROUNDS = 10;
  private static final HashKeyRange ALL = HashKeyRange.uniform(1).get(0);

  @TempDir Path dir;

  @Test
  void plainAndIdempotentPuts() {
    ShardMetadata metadata = new ShardMetadata("shardId-000000000000", ALL.start().toString(), ALL.end().toString(),
        List.of(), ShardMetadata.OPEN, 1, 3, List.of(1), List.of(1), -1);
    Clock clock = Clock.systemUTC();
    ShardPut put = batch();
    try (SegmentedShardLog log = SegmentedShardLog.open(dir, LegacyRollCycles.HOURLY, clock, "shard x")) {
      LedShard shard = new LedShard(new StreamRef("s", "u"), metadata, log, QuotaSettings.DISABLED, clock);
      IdempotentWrites writes = new IdempotentWrites();
      long[] producerSequence = {1, 1};
      for (int round = 0; round < ROUNDS; round++) {
        double[] rates = new double[3];
        for (int k = 0; k < 3; k++) {
          int phase = (round + k) % 3;
          rates[phase] = switch (phase) {
            case 0 -> plain(shard, put);
            case 1 -> stampedOnly(shard, put, producerSequence);
            default -> idempotent(shard, writes, put, producerSequence);
          };
        }
        System.out.printf("ROUND %d plain=%.0f stamped_unchecked=%.0f idempotent=%.0f records/s;"
            + " idempotent/plain=%.3f stamped/plain=%.3f%n", round, rates[0], rates[1], rates[2],
            rates[2] / rates[0], rates[1] / rates[0]);
      }
    }
  }

  private static double plain(LedShard shard, ShardPut put) {
    long start = System.nanoTime();
    for (int b = 0; b < BATCHES; b++) {
      shard.append(new EntriesSource(put.getRecordsList()), BATCH);
    }
    return rate(start);
  }

  /** Records carrying a producer id and sequence, appended without the check: what storing them costs. */
  private static double stampedOnly(LedShard shard, ShardPut put, long[] producerSequence) {
    long start = System.nanoTime();
    for (int b = 0; b < BATCHES; b++) {
      shard.append(new EntriesSource(put.getRecordsList(), 0, 78, producerSequence[0]), BATCH);
      producerSequence[0] += BATCH;
    }
    return rate(start);
  }

  private static double idempotent(LedShard shard, IdempotentWrites writes, ShardPut put, long[] producerSequence) {
    List<ShardPut> numbered = new ArrayList<>();
    for (int b = 0; b < BATCHES; b++) {
      numbered.add(put.toBuilder().setFirstProducerSequence(producerSequence[1]).build());
      producerSequence[1] += BATCH;
    }
    long start = System.nanoTime();
    for (ShardPut batch : numbered) {
      writes.put(shard, batch, 77);
    }
    return rate(start);
  }

  private static double rate(long startNanos) {
    return (double) BATCHES * BATCH / ((System.nanoTime() - startNanos) / 1e9);
  }

  private static ShardPut batch() {
    ShardPut.Builder put = ShardPut.newBuilder().setShardId("shardId-000000000000");
    ByteString data = ByteString.copyFrom(new byte[90]);
    for (int i = 0; i < BATCH; i++) {
      put.addRecords(PutRecordsEntry.newBuilder().setPartitionKey("key").setData(data));
    }
    return put.build();
  }
}

package io.tributary.broker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.InMemoryShardStore;
import io.tributary.broker.ProducerStateSettings;
import io.tributary.broker.QuotaSettings;
import io.tributary.broker.ShardLog;
import io.tributary.broker.StreamRef;
import io.tributary.broker.TestRecords;
import io.tributary.common.stream.HashKeyRange;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.common.time.ManualClock;
import io.tributary.proto.v1.ShardPutResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import net.openhft.chronicle.queue.rollcycles.LegacyRollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reopened shard rebuilds its idempotent producers from the newest records of its log. */
class ProducerStateLoaderTest {
  private static final HashKeyRange ALL = HashKeyRange.uniform(1).get(0);
  private static final StreamRef STREAM = new StreamRef("s", "u");
  private static final ProducerStateSettings SETTINGS = new ProducerStateSettings(Duration.ofMinutes(5), 1000, 100);

  private final ManualClock clock = new ManualClock(1_800_000_000_000L);
  private final IdempotentWrites writes = new IdempotentWrites();
  @TempDir Path dir;

  private Supplier<ShardLog> chronicle() {
    return () -> ChronicleShardLog.open(dir, LegacyRollCycles.MINUTELY, clock, "shard x");
  }

  private Supplier<ShardLog> inMemory() {
    InMemoryShardStore store = new InMemoryShardStore(clock);
    return () -> store.open(STREAM, "shardId-000000000000");
  }

  private LedShard shard(ShardLog log, ProducerStateSettings settings) {
    ShardMetadata metadata = new ShardMetadata("shardId-000000000000", ALL.start().toString(), ALL.end().toString(),
        List.of(), ShardMetadata.OPEN, 1, 3, List.of(1), List.of(1), -1);
    return new LedShard(STREAM, metadata, log, QuotaSettings.DISABLED, settings, clock);
  }

  @Test
  void aReopenedChronicleLogStillKnowsItsProducers() {
    retriesAfterReopenAreDuplicates(chronicle());
  }

  @Test
  void aReopenedInMemoryLogStillKnowsItsProducers() {
    retriesAfterReopenAreDuplicates(inMemory());
  }

  private void retriesAfterReopenAreDuplicates(Supplier<ShardLog> logs) {
    ShardPutResult a1;
    ShardPutResult a2;
    ShardPutResult b1;
    try (ShardLog log = logs.get()) {
      LedShard shard = shard(log, SETTINGS);
      a1 = writes.put(shard, IdempotentWritesTest.batch(1, 3), 1).result();
      b1 = writes.put(shard, IdempotentWritesTest.batch(1, 2), 2).result();
      shard.append(TestRecords.numbered("plain", 2), 2);
      clock.advance(Duration.ofSeconds(1));
      a2 = writes.put(shard, IdempotentWritesTest.batch(4, 3), 1).result();
    }
    try (ShardLog log = logs.get()) {
      LedShard shard = shard(log, SETTINGS);

      assertThat(writes.put(shard, IdempotentWritesTest.batch(1, 3), 1).result()).isEqualTo(a1);
      assertThat(writes.put(shard, IdempotentWritesTest.batch(4, 3), 1).result()).isEqualTo(a2);
      assertThat(writes.put(shard, IdempotentWritesTest.batch(1, 2), 2).result()).isEqualTo(b1);
      assertThat(writes.put(shard, IdempotentWritesTest.batch(9, 1), 1).result().getError().getCode())
          .isEqualTo("OutOfOrderSequence");
      assertThat(writes.put(shard, IdempotentWritesTest.batch(7, 1), 1).result().getFirstSequenceNumber()).isEqualTo(10);
    }
  }

  @Test
  void recordsOlderThanTheWindowAreNotScanned() {
    Supplier<ShardLog> logs = inMemory();
    try (ShardLog log = logs.get()) {
      writes.put(shard(log, SETTINGS), IdempotentWritesTest.batch(1, 3), 1).result();
    }
    clock.advance(Duration.ofMinutes(5).plusMillis(1));
    try (ShardLog log = logs.get()) {
      ProducerStates states = new ProducerStates(SETTINGS);

      assertThat(ProducerStateLoader.load(log, SETTINGS, clock.millis(), states)).isZero();
      assertThat(states.size()).isZero();
    }
  }

  @Test
  void atMostMaxRecordsOfTheNewestAreScanned() {
    Supplier<ShardLog> logs = inMemory();
    try (ShardLog log = logs.get()) {
      LedShard shard = shard(log, SETTINGS);
      writes.put(shard, IdempotentWritesTest.batch(1, 3), 1).result();
      writes.put(shard, IdempotentWritesTest.batch(1, 3), 2).result();
    }
    ProducerStateSettings small = new ProducerStateSettings(Duration.ofMinutes(5), 4, 100);
    try (ShardLog log = logs.get()) {
      ProducerStates states = new ProducerStates(small);

      assertThat(ProducerStateLoader.load(log, small, clock.millis(), states)).isEqualTo(4);
      assertThat(states.check(2, 1, 3, clock.millis()).kind()).isEqualTo(ProducerVerdict.Kind.DUPLICATE);
      assertThat(states.check(1, 3, 1, clock.millis()).firstSequenceNumber()).isEqualTo(2);
      assertThat(states.check(1, 1, 1, clock.millis()).kind()).isEqualTo(ProducerVerdict.Kind.DUPLICATE);
    }
  }
}

package io.tributary.broker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.tributary.broker.InMemoryShardLog;
import io.tributary.broker.ProducerStateSettings;
import io.tributary.broker.QuotaSettings;
import io.tributary.broker.StreamRef;
import io.tributary.broker.TestRecords;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.stream.HashKeyRange;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.common.time.ManualClock;
import io.tributary.proto.v1.PutRecordsEntry;
import io.tributary.proto.v1.Record;
import io.tributary.proto.v1.ShardPut;
import io.tributary.proto.v1.ShardPutResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Idempotent batches on one led shard: what lands in the log and what the producer is told. */
class IdempotentWritesTest {
  private static final HashKeyRange ALL = HashKeyRange.uniform(1).get(0);
  private static final long P = 7;

  private final ManualClock clock = new ManualClock(1_800_000_000_000L);
  private final InMemoryShardLog log = new InMemoryShardLog("shard x", clock);
  private final IdempotentWrites writes = new IdempotentWrites();

  private LedShard shard(QuotaSettings quotas) {
    ShardMetadata metadata = new ShardMetadata("shardId-000000000000", ALL.start().toString(), ALL.end().toString(),
        List.of(), ShardMetadata.OPEN, 1, 3, List.of(1), List.of(1), -1);
    return new LedShard(new StreamRef("s", "u"), metadata, log, quotas, ProducerStateSettings.DEFAULTS, clock);
  }

  static ShardPut batch(long firstProducerSequence, int n) {
    ShardPut.Builder put = ShardPut.newBuilder().setShardId("shardId-000000000000")
        .setFirstProducerSequence(firstProducerSequence);
    for (int i = 0; i < n; i++) {
      put.addRecords(PutRecordsEntry.newBuilder().setPartitionKey("k")
          .setData(ByteString.copyFromUtf8("r" + (firstProducerSequence + i))));
    }
    return put.build();
  }

  private List<Record> stored() {
    return TestRecords.decode(log.read(0, 1000, 1 << 20));
  }

  @Test
  void aRetriedBatchIsAnsweredWithItsSequenceNumbersAndWrittenOnce() {
    LedShard shard = shard(QuotaSettings.DISABLED);
    shard.append(TestRecords.numbered("other", 3), 3);
    ShardPutResult first = writes.put(shard, batch(1, 4), P).result();
    clock.advance(Duration.ofSeconds(1));
    ShardPutResult retry = writes.put(shard, batch(1, 4), P).result();

    assertThat(first.getAccepted()).isEqualTo(4);
    assertThat(first.getFirstSequenceNumber()).isEqualTo(3);
    assertThat(retry).isEqualTo(first);
    assertThat(stored()).hasSize(7);
    assertThat(stored().subList(3, 7)).extracting(Record::getProducerId).containsOnly(P);
    assertThat(stored().subList(3, 7)).extracting(Record::getProducerSequence).containsExactly(1L, 2L, 3L, 4L);
  }

  @Test
  void aGapIsRefusedWithOutOfOrderSequenceNamingWhatWasExpected() {
    LedShard shard = shard(QuotaSettings.DISABLED);
    writes.put(shard, batch(1, 4), P).result();

    ShardPutResult gap = writes.put(shard, batch(6, 1), P).result();

    assertThat(gap.getAccepted()).isZero();
    assertThat(gap.getError().getCode()).isEqualTo(ErrorCode.OUT_OF_ORDER_SEQUENCE.shortName());
    assertThat(gap.getError().getMessage()).contains("producer 7", "shardId-000000000000 of stream 's'", "sequence 6", "expected is 5");
    assertThat(stored()).hasSize(4);
  }

  @Test
  void aRetryOverlappingWhatLandedWritesOnlyTheRest() {
    LedShard shard = shard(QuotaSettings.DISABLED);
    writes.put(shard, batch(1, 2), P).result();

    ShardPutResult overlap = writes.put(shard, batch(1, 5), P).result();

    assertThat(overlap.getAccepted()).isEqualTo(5);
    assertThat(overlap.getFirstSequenceNumber()).isZero();
    assertThat(stored()).extracting(Record::getProducerSequence).containsExactly(1L, 2L, 3L, 4L, 5L);
  }

  @Test
  void anOverlapWhosePartsAreApartInTheLogHasNoSequenceNumber() {
    LedShard shard = shard(QuotaSettings.DISABLED);
    writes.put(shard, batch(1, 2), P).result();
    shard.append(TestRecords.numbered("other", 1), 1);

    ShardPutResult overlap = writes.put(shard, batch(1, 3), P).result();

    assertThat(overlap.getAccepted()).isEqualTo(3);
    assertThat(overlap.getFirstSequenceNumber()).isEqualTo(-1);
    assertThat(stored()).extracting(Record::getProducerSequence).containsExactly(1L, 2L, 0L, 3L);
  }

  @Test
  void theQuotaPrefixAdvancesTheProducerAndTheRestFollowsLater() {
    LedShard shard = shard(new QuotaSettings(true, 1 << 20, 3, 1 << 20, 5));
    ShardPutResult partial = writes.put(shard, batch(1, 5), P).result();
    clock.advance(Duration.ofSeconds(1));
    ShardPutResult rest = writes.put(shard, batch(4, 2), P).result();

    assertThat(partial.getAccepted()).isEqualTo(3);
    assertThat(partial.getError().getCode()).isEqualTo(ErrorCode.THROUGHPUT_EXCEEDED.shortName());
    assertThat(rest.getAccepted()).isEqualTo(2);
    assertThat(rest.getFirstSequenceNumber()).isEqualTo(3);
    assertThat(stored()).extracting(Record::getProducerSequence).containsExactly(1L, 2L, 3L, 4L, 5L);
  }

  @Test
  void aDuplicateIsNotChargedToTheQuota() {
    LedShard shard = shard(new QuotaSettings(true, 1 << 20, 3, 1 << 20, 5));
    writes.put(shard, batch(1, 3), P).result();

    ShardPutResult retry = writes.put(shard, batch(1, 3), P).result();

    assertThat(retry.getAccepted()).isEqualTo(3);
    assertThat(retry.hasError()).isFalse();
  }

  @Test
  void aSealedShardStillAnswersDuplicatesButRefusesNewRecords() {
    LedShard shard = shard(QuotaSettings.DISABLED);
    ShardPutResult first = writes.put(shard, batch(1, 2), P).result();
    shard.seal();

    assertThat(writes.put(shard, batch(1, 2), P).result()).isEqualTo(first);
    assertThat(writes.put(shard, batch(3, 1), P).result().getError().getCode())
        .isEqualTo(ErrorCode.NOT_SHARD_OWNER.shortName());
    assertThat(stored()).hasSize(2);
  }
}

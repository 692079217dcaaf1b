package io.tributary.broker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.tributary.broker.InMemoryShardStore;
import io.tributary.broker.QuotaSettings;
import io.tributary.broker.ReadBatch;
import io.tributary.broker.ShardLog;
import io.tributary.broker.TestRecords;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.stream.HashKeyRange;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.common.stream.StreamMetadata;
import io.tributary.common.time.ManualClock;
import io.tributary.proto.v1.PutRecordsEntry;
import io.tributary.proto.v1.PutRecordsRequest;
import io.tributary.proto.v1.Record;
import io.tributary.proto.v1.ShardPut;
import io.tributary.proto.v1.ShardPutResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** A shard turning CLOSED is sealed: writes racing the seal land before it or are refused. */
class SealingTest {
  private static final String SHARD0 = "shardId-000000000000";
  private static final int PUTTERS = 6;

  private final ManualClock clock = new ManualClock(1_800_000_000_000L);
  private final ShardRegistry registry =
      new ShardRegistry(1, new InMemoryShardStore(clock), QuotaSettings.DISABLED, clock);
  private final Writes writes = new Writes(registry);

  private static ShardMetadata shard(String state) {
    HashKeyRange all = HashKeyRange.uniform(1).get(0);
    return new ShardMetadata(SHARD0, all.start().toString(), all.end().toString(), List.of(), state, 1, 1,
        List.of(1), List.of(1), -1);
  }

  @Test
  void everyAcknowledgedRecordIsInTheSealedLogAndNothingLandsAfterTheSeal() throws Exception {
    registry.streamChanged(new StreamMetadata("s", "u", StreamMetadata.ACTIVE, "PROVISIONED", 24, 1, 0, 1, 0, 0));
    registry.shardChanged("s", shard(ShardMetadata.OPEN));
    LedShard led = registry.led(registry.stream("s"), SHARD0);
    Map<Long, String> acknowledged = new ConcurrentHashMap<>();
    ExecutorService putters = Executors.newFixedThreadPool(PUTTERS);
    try {
      List<Future<Integer>> refusals = new ArrayList<>();
      for (int p = 0; p < PUTTERS; p++) {
        String putter = "p" + p;
        refusals.add(putters.submit(() -> putUntilRefused(putter, acknowledged)));
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> acknowledged.size() >= 2_000);

      registry.shardChanged("s", shard(ShardMetadata.CLOSED));
      long end = led.log().nextSequenceNumber();

      for (Future<Integer> refused : refusals) {
        assertThat(refused.get()).isEqualTo(1);
      }
      assertThat(led.sealed()).isTrue();
      assertThat(led.log().nextSequenceNumber()).isEqualTo(end);
      assertThat(acknowledged).hasSize((int) end);
      for (Record stored : readAll(led.log())) {
        assertThat(stored.getData().toStringUtf8()).isEqualTo(acknowledged.get(stored.getSequenceNumber()));
      }
    } finally {
      putters.shutdownNow();
    }
  }

  @Test
  void aShardAlreadyClosedWhenTakenOverIsSealedFromTheStart() {
    registry.streamChanged(new StreamMetadata("s", "u", StreamMetadata.ACTIVE, "PROVISIONED", 24, 1, 0, 1, 0, 0));
    registry.shardChanged("s", shard(ShardMetadata.CLOSED));

    ShardPutResult refused = writes.put(request("late", 0)).join().getResults(0);

    assertThat(refused.getAccepted()).isZero();
    assertThat(refused.getError().getCode()).isEqualTo(ErrorCode.NOT_SHARD_OWNER.shortName());
    assertThat(refused.getError().getMessage()).contains("is closed").contains("refresh the shard map");
    assertThat(registry.led(registry.stream("s"), SHARD0).finishedAt(0)).isTrue();
  }

  /** Puts one record at a time; returns how many were refused (1: the one that met the seal). */
  private int putUntilRefused(String putter, Map<Long, String> acknowledged) {
    for (int i = 0; ; i++) {
      ShardPutResult result = writes.put(request(putter, i)).join().getResults(0);
      if (result.getAccepted() == 0) {
        assertThat(result.getError().getCode()).isEqualTo(ErrorCode.NOT_SHARD_OWNER.shortName());
        assertThat(result.getError().getMessage()).contains("is closed");
        return 1;
      }
      acknowledged.put(result.getFirstSequenceNumber(), putter + "-" + i);
    }
  }

  private static PutRecordsRequest request(String putter, int i) {
    return PutRecordsRequest.newBuilder()
        .setStream("s")
        .addShards(ShardPut.newBuilder().setShardId(SHARD0).addRecords(
            PutRecordsEntry.newBuilder().setPartitionKey(putter).setData(ByteString.copyFromUtf8(putter + "-" + i))))
        .build();
  }

  private static List<Record> readAll(ShardLog log) {
    List<Record> all = new ArrayList<>();
    long next = 0;
    while (next < log.nextSequenceNumber()) {
      ReadBatch batch = log.read(next, 10_000, 1 << 20);
      all.addAll(TestRecords.decode(batch));
      next = batch.nextSequenceNumber();
    }
    return all;
  }
}

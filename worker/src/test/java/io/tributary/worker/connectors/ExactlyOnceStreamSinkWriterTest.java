package io.tributary.worker.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.checkpoint.OperatorSnapshot;
import io.tributary.api.connectors.StreamRecordSerializer;
import io.tributary.client.PutRecord;
import io.tributary.worker.checkpoint.StateFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExactlyOnceStreamSinkWriterTest {
  private static final StreamRecordSerializer<String> KEYED = StreamRecordSerializer.utf8(v -> v.split(":")[0]);

  private final FakeBroker broker = new FakeBroker();

  @Test
  void numbersEachShardWithoutGapsAcrossCheckpoints() {
    ExactlyOnceStreamSinkWriter<String> writer = writer(7);
    write(writer, "a:1", "b:1", "a:2");
    writer.snapshotState(1);
    write(writer, "a:3", "b:2");
    List<Object> state = writer.snapshotState(2);
    writer.notifyCheckpointComplete(2);

    assertThat(state).hasSize(2);
    SinkCommittable second = (SinkCommittable) state.get(1);
    assertThat(second.shards()).extracting(SinkCommittable.ShardBatch::firstSequence).containsExactly(3L, 2L);
    assertThat(broker.log("shard-a")).containsExactly("a:1", "a:2", "a:3");
    assertThat(broker.log("shard-b")).containsExactly("b:1", "b:2");
  }

  @Test
  void nothingReachesTheStreamBeforeItsCheckpointCompletes() {
    ExactlyOnceStreamSinkWriter<String> writer = writer(7);
    write(writer, "a:1");
    writer.snapshotState(1);
    write(writer, "a:2");
    writer.notifyCheckpointComplete(0);
    assertThat(broker.log("shard-a")).isEmpty();

    writer.snapshotState(2); // checkpoint 1 never completed: its records ride along with 2
    writer.notifyCheckpointComplete(2);
    assertThat(broker.log("shard-a")).containsExactly("a:1", "a:2");
  }

  @Test
  void aRestoreWritesTheCheckpointAgainOnceAndNumbersNewRecordsUnderAFreshProducer(@TempDir Path dir) {
    ExactlyOnceStreamSinkWriter<String> before = writer(7);
    write(before, "a:1", "b:1");
    before.snapshotState(1);
    before.notifyCheckpointComplete(1);
    write(before, "a:2", "b:2");
    List<Object> checkpoint2 = before.snapshotState(2);
    broker.failAfter(1); // the commit of 2 dies half way: a:2 written, b:2 not
    assertThatThrownBy(() -> before.notifyCheckpointComplete(2)).hasMessageContaining("broker down");

    ExactlyOnceStreamSinkWriter<String> after = writer(8);
    after.commitRestored(throughStateFile(checkpoint2, dir));
    write(after, "a:3", "b:3");
    after.snapshotState(3);
    after.notifyCheckpointComplete(3);

    assertThat(broker.log("shard-a")).containsExactly("a:1", "a:2", "a:3");
    assertThat(broker.log("shard-b")).containsExactly("b:1", "b:2", "b:3");
    assertThat(broker.duplicatesDropped).isEqualTo(1); // a:2 sent again, written once
  }

  @Test
  void endOfInputWritesEverythingHeld() {
    ExactlyOnceStreamSinkWriter<String> writer = writer(7);
    write(writer, "a:1");
    writer.snapshotState(1);
    write(writer, "a:2");
    writer.flush(true);
    assertThat(broker.log("shard-a")).containsExactly("a:1", "a:2");
    assertThat(writer.snapshotState(2)).isEmpty();
  }

  @Test
  void producerIdsDifferPerRestoreAndRepeatForTheSameOne() {
    long fresh = SinkProducerIds.of("job", "sink", 0, -1);
    assertThat(SinkProducerIds.of("job", "sink", 0, -1)).isEqualTo(fresh).isPositive();
    assertThat(List.of(SinkProducerIds.of("job", "sink", 0, 4), SinkProducerIds.of("job", "sink", 1, -1),
        SinkProducerIds.of("job", "other", 0, -1), SinkProducerIds.of("job2", "sink", 0, -1)))
        .doesNotContain(fresh).doesNotHaveDuplicates();
  }

  private static List<Object> throughStateFile(List<Object> committables, Path dir) {
    Path file = dir.resolve("0-0.state");
    try {
      StateFiles.write(file, StateFiles.encode(
          Map.of("sink", new OperatorSnapshot(Map.of(), Map.of("pending", committables), Map.of())),
          ExactlyOnceStreamSinkWriterTest.class.getClassLoader()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return StateFiles.read(file, ExactlyOnceStreamSinkWriterTest.class.getClassLoader()).get("sink").lists().get("pending");
  }

  private ExactlyOnceStreamSinkWriter<String> writer(long producerId) {
    return new ExactlyOnceStreamSinkWriter<>(broker, KEYED, producerId);
  }

  private static void write(ExactlyOnceStreamSinkWriter<String> writer, String... values) {
    for (String v : values) {
      try {
        writer.write(v, 0);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }
  }

  /** Shards named after the key; dedups by (producer, shard, sequence) and refuses gaps, as brokers do. */
  private static final class FakeBroker implements ShardWrites {
    private final Map<String, List<String>> logs = new HashMap<>();
    private final Map<String, Long> lastSequence = new HashMap<>();
    private int duplicatesDropped;
    private int failAfter = Integer.MAX_VALUE;

    void failAfter(int records) {
      failAfter = records;
    }

    List<String> log(String shardId) {
      return logs.getOrDefault(shardId, List.of());
    }

    @Override
    public String shardFor(String partitionKey) {
      return "shard-" + partitionKey;
    }

    @Override
    public void put(String shardId, long producerId, long firstSequence, List<PutRecord> records) {
      String producerShard = producerId + "/" + shardId;
      for (int i = 0; i < records.size(); i++) {
        if (failAfter-- <= 0) {
          failAfter = Integer.MAX_VALUE;
          throw new IllegalStateException("broker down");
        }
        long sequence = firstSequence + i;
        long last = lastSequence.getOrDefault(producerShard, 0L);
        if (sequence <= last) {
          duplicatesDropped++;
          continue;
        }
        assertThat(sequence).as("no gap in %s", producerShard).isEqualTo(last + 1);
        lastSequence.put(producerShard, sequence);
        logs.computeIfAbsent(shardId, s -> new ArrayList<>())
            .add(new String(records.get(i).data(), StandardCharsets.UTF_8));
      }
    }
  }
}

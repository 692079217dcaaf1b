package io.tributary.broker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.Appended;
import io.tributary.broker.ReadBatch;
import io.tributary.broker.ShardLog;
import io.tributary.broker.ShardLogContractTest;
import io.tributary.broker.TestRecords;
import io.tributary.proto.v1.Record;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.LegacyRollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Chronicle log honours the contract, maps sequence numbers to indexes, and drops files. */
class ChronicleShardLogTest extends ShardLogContractTest {
  private static final RollCycle MINUTELY = LegacyRollCycles.MINUTELY;

  @TempDir Path dir;

  @Override
  protected ShardLog open() {
    return ChronicleShardLog.open(dir, MINUTELY, clock, "shard shardId-000000000000 of stream 'test'");
  }

  private ChronicleShardLog chronicle() {
    return (ChronicleShardLog) log;
  }

  @Test
  void sequenceNumbersMapToChronicleIndexesAcrossRollCycles() {
    Random random = new Random(42);
    List<Long> cycleStarts = new ArrayList<>();
    long next = 0;
    for (int cycle = 0; cycle < 6; cycle++) {
      cycleStarts.add(next);
      for (int batch = 0; batch < 1 + random.nextInt(4); batch++) {
        int n = 1 + random.nextInt(50);
        assertThat(TestRecords.numbered("c" + cycle + "b" + batch, n).appendTo(log).firstSequenceNumber())
            .isEqualTo(next);
        next += n;
      }
      clock.advance(Duration.ofMinutes(1));
    }

    CycleIndex index = chronicle().cycleIndex();
    assertThat(index.size()).isEqualTo(6);
    for (int i = 0; i < 6; i++) {
      assertThat(index.firstSequence(i)).isEqualTo(cycleStarts.get(i));
    }
    assertEveryRecordIsWhereItsNumberSays(index, next);
    for (long seq = 0; seq < next; seq += 7) {
      assertThat(TestRecords.sequences(log.read(seq, 1, Integer.MAX_VALUE))).containsExactly(seq);
    }
    assertThat(TestRecords.sequences(log.read(0, 100_000, Integer.MAX_VALUE))).isEqualTo(sequenceRange(0, next));
  }

  @Test
  void reopeningRebuildsTheCycleIndexFromTheFirstRecordOfEachCycle() {
    for (int cycle = 0; cycle < 4; cycle++) {
      TestRecords.numbered("c" + cycle, 10 + cycle).appendTo(log);
      clock.advance(Duration.ofMinutes(3));
    }
    CycleIndex before = chronicle().cycleIndex();
    log.close();

    log = open();
    CycleIndex after = chronicle().cycleIndex();

    assertThat(after.size()).isEqualTo(before.size());
    for (int i = 0; i < after.size(); i++) {
      assertThat(after.cycle(i)).isEqualTo(before.cycle(i));
      assertThat(after.firstSequence(i)).isEqualTo(before.firstSequence(i));
    }
    assertThat(log.nextSequenceNumber()).isEqualTo(46);
    Appended more = TestRecords.numbered("more", 3).appendTo(log);
    assertThat(more.firstSequenceNumber()).isEqualTo(46);
    assertEveryRecordIsWhereItsNumberSays(chronicle().cycleIndex(), 49);
  }

  @Test
  void retentionDeletesWholeCycleFilesButNeverTheNewest() throws IOException {
    for (int cycle = 0; cycle < 3; cycle++) {
      TestRecords.numbered("c" + cycle, 5).appendTo(log);
      clock.advance(Duration.ofMinutes(1));
    }
    assertThat(cycleFiles()).hasSize(3);

    clock.advance(Duration.ofHours(25));
    int dropped = log.dropOlderThan(clock.millis() - Duration.ofHours(24).toMillis());

    assertThat(dropped).isEqualTo(2);
    assertThat(cycleFiles()).hasSize(1);
    assertThat(log.firstSequenceNumber()).isEqualTo(10);
    assertThat(TestRecords.sequences(log.read(0, 100, Integer.MAX_VALUE))).containsExactly(10L, 11L, 12L, 13L, 14L);
    assertThat(log.dropOlderThan(clock.millis())).isZero();

    log.close();
    log = open();
    assertThat(log.firstSequenceNumber()).isEqualTo(10);
    assertThat(TestRecords.numbered("after", 1).appendTo(log).firstSequenceNumber()).isEqualTo(15);
  }

  @Test
  void retentionDropsOnlyCyclesWhoseNewestRecordIsOlderThanTheCutoff() throws IOException {
    TestRecords.numbered("a", 5).appendTo(log);
    clock.advance(Duration.ofMinutes(1));
    TestRecords.numbered("b", 5).appendTo(log);
    clock.advance(Duration.ofSeconds(30));
    TestRecords.numbered("b-late", 5).appendTo(log);
    clock.advance(Duration.ofMinutes(1));
    TestRecords.numbered("c", 5).appendTo(log);

    int dropped = log.dropOlderThan(START + Duration.ofSeconds(80).toMillis());

    assertThat(dropped).isEqualTo(1);
    assertThat(log.firstSequenceNumber()).isEqualTo(5);
    assertThat(cycleFiles()).hasSize(2);
  }

  @Test
  void bytesOnDiskGrowWithTheRecords() {
    long empty = log.bytesOnDisk();
    TestRecords.numbered("a", 1000).appendTo(log);
    long full = log.bytesOnDisk();

    ReadBatch all = log.read(0, 1000, Integer.MAX_VALUE);
    assertThat(full - empty).isGreaterThanOrEqualTo(all.records().size() - 3L * 1000);
    assertThat(full).isLessThan(10L * 1024 * 1024);
  }

  @Test
  void largeReadsCrossCycleBoundariesWithoutRepositioning() {
    for (int cycle = 0; cycle < 3; cycle++) {
      TestRecords.numbered("c" + cycle, 4000).appendTo(log);
      clock.advance(Duration.ofMinutes(1));
    }

    ReadBatch batch = log.read(3000, 10_000, 10 * 1024 * 1024);

    List<Record> records = TestRecords.decode(batch);
    assertThat(records).hasSize(9000);
    assertThat(records.get(0).getPartitionKey()).isEqualTo("c0-3000");
    assertThat(records.get(8999).getPartitionKey()).isEqualTo("c2-3999");
    assertThat(batch.nextArrivalMillis()).isEqualTo(-1);
  }

  private void assertEveryRecordIsWhereItsNumberSays(CycleIndex index, long next) {
    try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir).rollCycle(MINUTELY).readOnly(true).build()) {
      ExcerptTailer tailer = queue.createTailer();
      for (long seq = 0; seq < next; seq++) {
        int position = index.positionOf(seq);
        long chronicleIndex = MINUTELY.toIndex(index.cycle(position), seq - index.firstSequence(position));
        assertThat(tailer.moveToIndex(chronicleIndex)).as("index of %d", seq).isTrue();
        try (DocumentContext dc = tailer.readingDocument()) {
          assertThat(RecordCodec.sequenceNumber(dc.wire().bytes())).isEqualTo(seq);
        }
      }
      tailer.close();
    }
  }

  private List<Path> cycleFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".cq4")).toList();
    }
  }
}

package io.tributary.broker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.tributary.broker.EpochEnd;
import io.tributary.broker.ReadBatch;
import io.tributary.broker.ReplicaRecord;
import io.tributary.broker.ReplicaRecords;
import io.tributary.broker.ShardLog;
import io.tributary.broker.ShardLogContractTest;
import io.tributary.broker.TestRecords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.rollcycles.LegacyRollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The segmented log honours the contract, starts a segment per epoch, and truncates durably. */
class SegmentedShardLogTest extends ShardLogContractTest {
  private static final String NAME = "shard shardId-000000000000 of stream 'test'";

  @TempDir Path dir;
  @TempDir Path otherDir;

  @Override
  protected ShardLog open() {
    return SegmentedShardLog.open(dir, LegacyRollCycles.MINUTELY, clock, NAME);
  }

  private SegmentedShardLog segmented() {
    return (SegmentedShardLog) log;
  }

  private void append(String prefix, int n, long epoch) {
    log.append(TestRecords.numbered(prefix, n), n, epoch);
  }

  @Test
  void copiesOfAnotherLogsReadsAreStoredByteForByte() {
    try (ShardLog leader = SegmentedShardLog.open(otherDir, LegacyRollCycles.MINUTELY, clock, "leader")) {
      leader.append(TestRecords.numbered("a", 3).asProducer(7, 1), 3, 1);
      clock.advance(Duration.ofSeconds(5));
      leader.append(TestRecords.numbered("b", 4), 4, 2);
      long from = 0;
      while (from < leader.nextSequenceNumber()) {
        ReadBatch batch = leader.read(from, 2, Integer.MAX_VALUE);
        log.appendCopies(ReplicaRecords.parse(batch.records()));
        from = batch.nextSequenceNumber();
      }
      clock.advance(Duration.ofMinutes(5));

      assertThat(log.read(0, 100, Integer.MAX_VALUE).records()).isEqualTo(leader.read(0, 100, Integer.MAX_VALUE).records());
      assertThat(log.epochEnd(1)).isEqualTo(leader.epochEnd(1)).isEqualTo(new EpochEnd(1, 3));
      assertThat(log.latestEpoch()).isEqualTo(2);
      assertThat(log.lastArrivalMillis()).isEqualTo(START + 5_000);
      assertThatThrownBy(() -> log.appendCopies(ReplicaRecords.parse(leader.read(6, 1, 100).records())))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("copied record 6 does not continue");
      assertThat(log.nextSequenceNumber()).isEqualTo(7);
    }
  }

  @Test
  void eachNewEpochStartsASegmentAndEpochEndsComeFromTheChain() throws IOException {
    append("a", 3, 1);
    append("b", 2, 3);
    append("c", 1, 3);
    append("d", 2, 4);

    assertThat(segmented().segments()).extracting(SegmentEntry::directory).containsExactly("1-0", "3-3", "4-6");
    assertThat(liveDirectories()).containsExactlyInAnyOrder("1-0", "3-3", "4-6");
    assertThat(log.epochEnd(0)).isEqualTo(new EpochEnd(-1, 0));
    assertThat(log.epochEnd(1)).isEqualTo(new EpochEnd(1, 3));
    assertThat(log.epochEnd(2)).isEqualTo(new EpochEnd(1, 3));
    assertThat(log.epochEnd(3)).isEqualTo(new EpochEnd(3, 6));
    assertThat(log.epochEnd(99)).isEqualTo(new EpochEnd(4, 8));
    assertThat(log.latestEpoch()).isEqualTo(4);
  }

  @Test
  void readsContinueAcrossSegmentBoundaries() {
    append("a", 3, 1);
    clock.advance(Duration.ofSeconds(10));
    append("b", 3, 2);

    ReadBatch first = log.read(0, 100, Integer.MAX_VALUE);
    ReadBatch second = log.read(first.nextSequenceNumber(), 100, Integer.MAX_VALUE);

    assertThat(TestRecords.sequences(first)).containsExactly(0L, 1L, 2L);
    assertThat(first.nextArrivalMillis()).isEqualTo(START + 10_000);
    assertThat(TestRecords.sequences(second)).containsExactly(3L, 4L, 5L);
    assertThat(second.nextArrivalMillis()).isEqualTo(-1);
    assertThat(TestRecords.sequences(log.read(1, 100, Integer.MAX_VALUE, 4))).containsExactly(1L, 2L);
    assertThat(log.read(0, 100, Integer.MAX_VALUE, 3).nextArrivalMillis()).isEqualTo(-1);
    assertThat(log.sequenceNumberAt(START + 1)).isEqualTo(3);
  }

  @Test
  void truncatingInsideAnOlderSegmentKeepsACopyOfItsPrefix() throws IOException {
    append("a", 5, 1);
    append("b", 5, 2);
    append("c", 5, 3);
    ByteString kept = log.read(0, 7, Integer.MAX_VALUE).records();

    log.truncateTo(7);

    assertThat(log.nextSequenceNumber()).isEqualTo(7);
    assertThat(log.read(0, 100, Integer.MAX_VALUE).records()).isEqualTo(kept);
    assertThat(log.epochEnd(2)).isEqualTo(new EpochEnd(2, 7));
    assertThat(log.epochEnd(3)).isEqualTo(new EpochEnd(2, 7));
    assertThat(liveDirectories()).containsExactlyInAnyOrder("1-0", "2-5.1");
    append("d", 2, 4);
    assertThat(TestRecords.sequences(log.read(7, 100, Integer.MAX_VALUE))).containsExactly(7L, 8L);
    log.truncateTo(100);
    assertThat(log.nextSequenceNumber()).isEqualTo(9);
    assertThatThrownBy(() -> log.truncateTo(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void truncatingAtASegmentStartDropsItWhole() throws IOException {
    append("a", 5, 1);
    append("b", 5, 2);

    log.truncateTo(5);
    assertThat(liveDirectories()).containsExactly("1-0");
    assertThat(log.latestEpoch()).isEqualTo(1);
    log.truncateTo(0);

    assertThat(liveDirectories()).isEmpty();
    assertThat(log.nextSequenceNumber()).isZero();
    assertThat(log.epochEnd(5)).isEqualTo(new EpochEnd(-1, 0));
    append("c", 1, 3);
    assertThat(TestRecords.decode(log.read(0, 10, Integer.MAX_VALUE)).get(0).getPartitionKey()).isEqualTo("c-0");
  }

  @Test
  void resetStartsEmptyAtTheGivenSequenceAndSurvivesReopening() throws IOException {
    append("a", 5, 1);

    log.resetTo(100);

    assertThat(log.firstSequenceNumber()).isEqualTo(100);
    assertThat(log.nextSequenceNumber()).isEqualTo(100);
    assertThat(log.latestEpoch()).isEqualTo(-1);
    assertThat(log.epochEnd(5)).isEqualTo(new EpochEnd(-1, 100));
    assertThat(liveDirectories()).isEmpty();
    log.close();
    log = open();
    assertThat(log.nextSequenceNumber()).isEqualTo(100);
    append("b", 2, 7);
    assertThat(TestRecords.sequences(log.read(0, 10, Integer.MAX_VALUE))).containsExactly(100L, 101L);
  }

  @Test
  void reopeningKeepsSegmentsRecordsAndEpochs() {
    append("a", 5, 1);
    append("b", 5, 2);
    log.truncateTo(8);
    append("c", 3, 3);
    ByteString before = log.read(0, 100, Integer.MAX_VALUE).records();
    List<SegmentEntry> segments = segmented().segments();

    log.close();
    log = open();

    assertThat(segmented().segments()).isEqualTo(segments);
    assertThat(log.read(0, 100, Integer.MAX_VALUE).records()).isEqualTo(before);
    assertThat(log.epochEnd(2)).isEqualTo(new EpochEnd(2, 8));
    assertThat(log.latestEpoch()).isEqualTo(3);
    assertThat(log.nextSequenceNumber()).isEqualTo(11);
  }

  @Test
  void aCrashBetweenCopyAndPointerSwitchReopensTheOldChain() throws IOException {
    append("a", 5, 1);
    append("b", 5, 2);
    ByteString before = log.read(0, 100, Integer.MAX_VALUE).records();
    log.close();
    copyTree(dir.resolve("2-5"), dir.resolve("2-5.1"));
    Files.writeString(dir.resolve(SegmentList.TEMP_FILE), "start 0\nsegment 2-5.1 2", StandardCharsets.UTF_8);

    log = open();

    assertThat(log.read(0, 100, Integer.MAX_VALUE).records()).isEqualTo(before);
    assertThat(liveDirectories()).containsExactlyInAnyOrder("1-0", "2-5");
    assertThat(dir.resolve(SegmentList.TEMP_FILE)).doesNotExist();
    append("c", 1, 2);
    assertThat(log.nextSequenceNumber()).isEqualTo(11);
  }

  @Test
  void aCrashBeforeTheFirstRecordOfANewSegmentLeavesItEmptyAndReplaceable() throws IOException {
    append("a", 5, 1);
    log.close();
    Files.writeString(dir.resolve(SegmentList.FILE), "start 0\nsegment 1-0 1 0\nsegment 2-5 2 5\n");

    log = open();
    assertThat(log.latestEpoch()).isEqualTo(1);
    assertThat(log.epochEnd(2)).isEqualTo(new EpochEnd(1, 5));
    append("b", 2, 3);

    assertThat(liveDirectories()).containsExactlyInAnyOrder("1-0", "3-5");
    assertThat(TestRecords.sequences(log.read(5, 10, Integer.MAX_VALUE))).containsExactly(5L, 6L);
  }

  @Test
  void retentionDropsWholeOldSegmentsButNeverTheNewestRecords() throws IOException {
    append("a", 5, 1);
    clock.advance(Duration.ofHours(1));
    append("b", 5, 2);
    clock.advance(Duration.ofHours(30));
    append("c", 3, 3);

    int dropped = log.dropOlderThan(clock.millis() - Duration.ofHours(24).toMillis());

    assertThat(dropped).isEqualTo(2);
    assertThat(log.firstSequenceNumber()).isEqualTo(10);
    assertThat(liveDirectories()).containsExactly("3-10");
    assertThat(log.dropOlderThan(clock.millis() + 1)).isZero();
    assertThat(log.epochEnd(2)).isEqualTo(new EpochEnd(-1, 10));
    log.close();
    log = open();
    assertThat(log.firstSequenceNumber()).isEqualTo(10);
    assertThat(TestRecords.sequences(log.read(0, 10, Integer.MAX_VALUE))).containsExactly(10L, 11L, 12L);
  }

  @Test
  void anOlderLayoutWithQueueFilesButNoSegmentListIsRefused() throws IOException {
    log.close();
    Files.writeString(dir.resolve("20240101-00.cq4"), "x");

    assertThatThrownBy(this::open).isInstanceOf(IllegalStateException.class).hasMessageContaining("older layout");
    Files.delete(dir.resolve("20240101-00.cq4"));
    log = open();
  }

  private List<String> liveDirectories() throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()).toList();
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    List<Path> files = new ArrayList<>();
    try (Stream<Path> entries = Files.list(from)) {
      entries.forEach(files::add);
    }
    for (Path file : files) {
      Files.copy(file, to.resolve(file.getFileName()));
    }
  }
}

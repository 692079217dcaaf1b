package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.tributary.common.time.ManualClock;
import io.tributary.proto.v1.Record;
import io.tributary.proto.v1.RecordBatch;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ShardLog} must do; each implementation's test extends this. */
public abstract class ShardLogContractTest {
  protected static final long START = 1_800_000_000_000L;
  protected final ManualClock clock = new ManualClock(START);
  protected ShardLog log;

  /** Opens the log under test (again, after {@link ShardLog#close()}, with the same storage). */
  protected abstract ShardLog open();

  @BeforeEach
  void openLog() {
    log = open();
  }

  @AfterEach
  void closeLog() {
    log.close();
  }

  @Test
  void sequenceNumbersStartAtZeroAndHaveNoGaps() {
    assertThat(TestRecords.numbered("a", 3).appendTo(log).firstSequenceNumber()).isZero();
    assertThat(TestRecords.numbered("b", 2).appendTo(log).firstSequenceNumber()).isEqualTo(3);

    ReadBatch batch = log.read(0, 100, Integer.MAX_VALUE);

    assertThat(TestRecords.sequences(batch)).containsExactly(0L, 1L, 2L, 3L, 4L);
    assertThat(TestRecords.decode(batch)).extracting(Record::getPartitionKey)
        .containsExactly("a-0", "a-1", "a-2", "b-0", "b-1");
    assertThat(batch.count()).isEqualTo(5);
    assertThat(batch.nextSequenceNumber()).isEqualTo(5);
    assertThat(log.firstSequenceNumber()).isZero();
    assertThat(log.nextSequenceNumber()).isEqualTo(5);
  }

  @Test
  void storesExactlyTheSerializedRecordAndServesItInRecordBatchForm() {
    ByteString binary = ByteString.copyFrom(new byte[] {0, 1, (byte) 0xFF, 0x0A});
    log.append(new TestRecords().add("k", binary).add("ключ", ""), 2, 7);

    ReadBatch batch = log.read(0, 10, Integer.MAX_VALUE);

    RecordBatch expected =
        RecordBatch.newBuilder()
            .addRecords(Record.newBuilder().setArrivalMillis(START).setPartitionKey("k").setData(binary)
                .setLeaderEpoch(7))
            .addRecords(Record.newBuilder().setSequenceNumber(1).setArrivalMillis(START)
                .setPartitionKey("ключ").setLeaderEpoch(7))
            .build();
    assertThat(batch.records()).isEqualTo(expected.toByteString());
  }

  @Test
  void arrivalTimeNeverDecreasesEvenWhenTheClockDoes() {
    Appended first = TestRecords.numbered("a", 1).appendTo(log);
    clock.advance(Duration.ofSeconds(-30));
    Appended second = TestRecords.numbered("b", 1).appendTo(log);
    clock.advance(Duration.ofMinutes(1));
    Appended third = TestRecords.numbered("c", 1).appendTo(log);

    assertThat(first.arrivalMillis()).isEqualTo(START);
    assertThat(second.arrivalMillis()).isEqualTo(START);
    assertThat(third.arrivalMillis()).isEqualTo(START + 30_000);
    assertThat(log.lastArrivalMillis()).isEqualTo(START + 30_000);
    assertThat(TestRecords.decode(log.read(0, 10, Integer.MAX_VALUE))).extracting(Record::getArrivalMillis)
        .containsExactly(START, START, START + 30_000);
  }

  @Test
  void readStopsAtTheRecordLimitAndReportsTheLagOfWhatIsLeft() {
    TestRecords.numbered("a", 5).appendTo(log);
    clock.advance(Duration.ofSeconds(10));
    TestRecords.numbered("b", 5).appendTo(log);

    ReadBatch batch = log.read(2, 3, Integer.MAX_VALUE);

    assertThat(TestRecords.sequences(batch)).containsExactly(2L, 3L, 4L);
    assertThat(batch.nextArrivalMillis()).isEqualTo(START + 10_000);
    assertThat(batch.millisBehindLatest(START + 15_000)).isEqualTo(5_000);
  }

  @Test
  void readStopsBeforeTheByteLimitButAlwaysReturnsOneRecord() {
    TestRecords records = new TestRecords();
    for (int i = 0; i < 10; i++) {
      records.add("k" + i, ByteString.copyFrom(new byte[100]));
    }
    records.appendTo(log);
    int firstThree = log.read(0, 3, Integer.MAX_VALUE).records().size();

    ReadBatch three = log.read(0, 100, firstThree + 50);
    ReadBatch tiny = log.read(4, 100, 1);

    assertThat(three.count()).isEqualTo(3);
    assertThat(three.records().size()).isEqualTo(firstThree);
    assertThat(three.nextSequenceNumber()).isEqualTo(3);
    assertThat(three.nextArrivalMillis()).isEqualTo(START);
    assertThat(TestRecords.sequences(tiny)).containsExactly(4L);
  }

  @Test
  void readingAtTheEndIsEmptyAndCaughtUp() {
    TestRecords.numbered("a", 2).appendTo(log);

    ReadBatch batch = log.read(2, 100, Integer.MAX_VALUE);

    assertThat(batch.count()).isZero();
    assertThat(batch.records().isEmpty()).isTrue();
    assertThat(batch.nextSequenceNumber()).isEqualTo(2);
    assertThat(batch.millisBehindLatest(START + 99_000)).isZero();
  }

  @Test
  void readingPastTheEndIsRefused() {
    TestRecords.numbered("a", 2).appendTo(log);

    assertThatThrownBy(() -> log.read(3, 10, Integer.MAX_VALUE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sequence number 3 is past the end");
  }

  @Test
  void findsTheFirstRecordAtOrAfterATimestamp() {
    for (int i = 0; i < 20; i++) {
      TestRecords.numbered("t" + i, 3).appendTo(log);
      clock.advance(Duration.ofSeconds(1));
    }

    assertThat(log.sequenceNumberAt(0)).isZero();
    assertThat(log.sequenceNumberAt(START)).isZero();
    assertThat(log.sequenceNumberAt(START + 1)).isEqualTo(3);
    assertThat(log.sequenceNumberAt(START + 7_000)).isEqualTo(21);
    assertThat(log.sequenceNumberAt(START + 19_000)).isEqualTo(57);
    assertThat(log.sequenceNumberAt(START + 19_001)).isEqualTo(60);
  }

  @Test
  void anEmptyLogStartsAtZero() {
    assertThat(log.firstSequenceNumber()).isZero();
    assertThat(log.nextSequenceNumber()).isZero();
    assertThat(log.lastArrivalMillis()).isEqualTo(-1);
    assertThat(log.sequenceNumberAt(START)).isZero();
    assertThat(log.read(0, 10, 100).count()).isZero();
    assertThat(log.dropOlderThan(START + 1)).isZero();
  }

  @Test
  void reopeningKeepsRecordsAndNumbering() {
    TestRecords.numbered("a", 4).appendTo(log);
    log.close();
    clock.advance(Duration.ofSeconds(5));

    log = open();
    Appended next = TestRecords.numbered("b", 2).appendTo(log);

    assertThat(next.firstSequenceNumber()).isEqualTo(4);
    assertThat(log.lastArrivalMillis()).isEqualTo(START + 5_000);
    assertThat(TestRecords.sequences(log.read(0, 100, Integer.MAX_VALUE)))
        .containsExactlyElementsOf(LongStream.range(0, 6).boxed().toList());
  }

  @Test
  void retentionDropsOldRecordsAndMovesTheTrimHorizon() {
    TestRecords.numbered("old", 5).appendTo(log);
    clock.advance(Duration.ofHours(25));
    TestRecords.numbered("new", 3).appendTo(log);

    int dropped = log.dropOlderThan(clock.millis() - Duration.ofHours(24).toMillis());

    assertThat(dropped).isPositive();
    assertThat(log.firstSequenceNumber()).isEqualTo(5);
    assertThat(log.nextSequenceNumber()).isEqualTo(8);
    ReadBatch fromZero = log.read(0, 100, Integer.MAX_VALUE);
    assertThat(TestRecords.sequences(fromZero)).containsExactly(5L, 6L, 7L);
    assertThat(log.sequenceNumberAt(0)).isEqualTo(5);
  }

  @Test
  void retentionKeepsRecordsYoungerThanTheCutoff() {
    TestRecords.numbered("a", 5).appendTo(log);
    clock.advance(Duration.ofHours(2));
    TestRecords.numbered("b", 5).appendTo(log);

    assertThat(log.dropOlderThan(clock.millis() - Duration.ofHours(24).toMillis())).isZero();
    assertThat(log.firstSequenceNumber()).isZero();
  }

  @Test
  void aClosedLogRefusesAppendsAndReads() {
    TestRecords.numbered("a", 1).appendTo(log);
    log.close();

    assertThatThrownBy(() -> TestRecords.numbered("b", 1).appendTo(log))
        .isInstanceOf(ShardLogClosedException.class)
        .hasMessageContaining("is closed");
    assertThatThrownBy(() -> log.read(0, 1, 100)).isInstanceOf(ShardLogClosedException.class);
    log = open();
  }

  /** Appended records of a batch, as a list of their sequence numbers. */
  protected static List<Long> sequenceRange(long from, long to) {
    return LongStream.range(from, to).boxed().toList();
  }
}

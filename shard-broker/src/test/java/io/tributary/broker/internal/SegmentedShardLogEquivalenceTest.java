package io.tributary.broker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.tributary.broker.InMemoryShardLog;
import io.tributary.broker.ReadBatch;
import io.tributary.broker.ReplicaRecord;
import io.tributary.broker.ShardLog;
import io.tributary.broker.TestRecords;
import io.tributary.common.time.ManualClock;
import io.tributary.proto.v1.Record;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.openhft.chronicle.queue.rollcycles.LegacyRollCycles;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random appends, copies, truncations, resets and reopenings leave the segmented log answering
 * exactly as the in-memory reference log: the same stored bytes, numbering and epoch ends.
 */
class SegmentedShardLogEquivalenceTest {
  private static final int OPERATIONS = 80;

  @TempDir Path dir;

  private final ManualClock clock = new ManualClock(1_800_000_000_000L);
  private ShardLog log;
  private InMemoryShardLog reference;
  private long epoch = 1;

  @ParameterizedTest
  @ValueSource(longs = {1L, 2L})
  void behavesAsTheReferenceLog(long seed) {
    Random random = new Random(seed);
    reference = new InMemoryShardLog("reference", clock);
    log = open();
    List<String> done = new ArrayList<>();
    try {
      for (int op = 0; op < OPERATIONS; op++) {
        done.add(step(random));
        compare("seed " + seed + " after " + done, random);
      }
    } finally {
      log.close();
    }
  }

  private String step(Random random) {
    clock.advance(Duration.ofMillis(random.nextInt(3) * 700L));
    int choice = random.nextInt(20);
    if (choice < 4) {
      epoch += random.nextInt(3);
    }
    if (choice < 10) {
      int n = 1 + random.nextInt(5);
      log.append(TestRecords.numbered("k" + random.nextInt(1000), n), n, epoch);
      reference.append(TestRecords.numbered("k", 0), 0, epoch);
      return appendToReference(n);
    } else if (choice < 14) {
      List<ReplicaRecord> copies = copies(1 + random.nextInt(4), random);
      log.appendCopies(copies);
      reference.appendCopies(copies);
      return "copies(" + copies.size() + ")";
    } else if (choice < 18) {
      long to = log.firstSequenceNumber() + random.nextInt((int) (log.nextSequenceNumber() - log.firstSequenceNumber() + 3));
      log.truncateTo(to);
      reference.truncateTo(to);
      return "truncateTo(" + to + ")";
    } else if (choice < 19) {
      long to = log.nextSequenceNumber() + random.nextInt(3);
      log.resetTo(to);
      reference.resetTo(to);
      return "resetTo(" + to + ")";
    }
    log.close();
    log = open();
    return "reopen";
  }

  /** Appends to the reference what the log just stored, so both hold the same keys and stamps. */
  private String appendToReference(int n) {
    long first = log.nextSequenceNumber() - n;
    reference.appendCopies(copiesOf(log.read(first, n, Integer.MAX_VALUE)));
    return "append(" + n + "@" + epoch + ")";
  }

  private List<ReplicaRecord> copies(int n, Random random) {
    long next = log.nextSequenceNumber();
    long arrival = Math.max(clock.millis(), Math.max(0, log.lastArrivalMillis()));
    long copyEpoch = epoch + (random.nextInt(4) == 0 ? 1 : 0);
    epoch = copyEpoch;
    List<ReplicaRecord> copies = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Record record = Record.newBuilder().setSequenceNumber(next + i).setArrivalMillis(arrival)
          .setPartitionKey("copy").setData(ByteString.copyFromUtf8("v" + random.nextInt())).setLeaderEpoch(copyEpoch)
          .build();
      copies.add(new ReplicaRecord(next + i, arrival, copyEpoch, record.toByteString()));
    }
    return copies;
  }

  private static List<ReplicaRecord> copiesOf(ReadBatch batch) {
    return io.tributary.broker.ReplicaRecords.parse(batch.records());
  }

  private void compare(String history, Random random) {
    String why = history.length() > 2000 ? "..." + history.substring(history.length() - 2000) : history;
    assertThat(log.firstSequenceNumber()).as(why).isEqualTo(reference.firstSequenceNumber());
    assertThat(log.nextSequenceNumber()).as(why).isEqualTo(reference.nextSequenceNumber());
    assertThat(log.latestEpoch()).as(why).isEqualTo(reference.latestEpoch());
    for (long e = -1; e <= epoch + 1; e++) {
      assertThat(log.epochEnd(e)).as(why + " epochEnd(" + e + ")").isEqualTo(reference.epochEnd(e));
    }
    int chunk = 1 + random.nextInt(7);
    assertThat(readAll(log, chunk, why)).as(why + " records").isEqualTo(readAll(reference, chunk, why));
    long at = clock.millis() - random.nextInt(5_000);
    assertThat(log.sequenceNumberAt(at)).as(why + " at " + at).isEqualTo(reference.sequenceNumberAt(at));
  }

  /** Every record, read in chunks; a read may stop early at a segment's end but always progresses. */
  private static ByteString readAll(ShardLog from, int chunk, String why) {
    ByteString all = ByteString.EMPTY;
    long next = from.firstSequenceNumber();
    while (next < from.nextSequenceNumber()) {
      ReadBatch batch = from.read(next, chunk, Integer.MAX_VALUE);
      assertThat(batch.nextSequenceNumber()).as(why + " read(" + next + ") progresses").isGreaterThan(next);
      assertThat(batch.nextArrivalMillis() < 0).as(why + " caught up at " + batch.nextSequenceNumber())
          .isEqualTo(batch.nextSequenceNumber() == from.nextSequenceNumber());
      all = all.concat(batch.records());
      next = batch.nextSequenceNumber();
    }
    return all;
  }

  private ShardLog open() {
    return SegmentedShardLog.open(dir, LegacyRollCycles.MINUTELY, clock, "shard x");
  }
}

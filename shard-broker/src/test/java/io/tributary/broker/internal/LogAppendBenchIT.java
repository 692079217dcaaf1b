package io.tributary.broker.internal;

import com.google.protobuf.ByteString;
import io.tributary.broker.ShardLog;
import io.tributary.broker.TestRecords;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import net.openhft.chronicle.queue.rollcycles.LegacyRollCycles;

/**
 * Measures appends and reads of one queue against the segmented log over it, in alternating rounds
 * on one thread, so that the chain's cost on the hot path shows. Prints the rates; asserts nothing.
 * Run with {@code -Dtributary.bench=true -Dit.test=LogAppendBenchIT}.
 */
@EnabledIfSystemProperty(named = "tributary.bench", matches = "true")
class LogAppendBenchIT {
  private static final int BATCH = 500;
  private static final int BATCHES = 2_000;
  private static final int ROUNDS = 8;

  @TempDir Path queueDir;
  @TempDir Path segmentedDir;

  @Test
  void queueAndSegmentedLog() {
    TestRecords batch = new TestRecords();
    for (int i = 0; i < BATCH; i++) {
      batch.add("key", ByteString.copyFrom(new byte[90]));
    }
    Clock clock = Clock.systemUTC();
    try (ShardLog queue = ChronicleShardLog.open(queueDir, LegacyRollCycles.HOURLY, clock, "queue");
        ShardLog segmented = SegmentedShardLog.open(segmentedDir, LegacyRollCycles.HOURLY, clock, "segmented")) {
      for (int round = 0; round < ROUNDS; round++) {
        boolean queueFirst = round % 2 == 0;
        double a = appendRate(queueFirst ? queue : segmented, batch);
        double b = appendRate(queueFirst ? segmented : queue, batch);
        double c = readRate(queueFirst ? queue : segmented);
        double d = readRate(queueFirst ? segmented : queue);
        System.out.printf("ROUND %d append queue=%.0f segmented=%.0f records/s; read queue=%.0f segmented=%.0f records/s%n",
            round, queueFirst ? a : b, queueFirst ? b : a, queueFirst ? c : d, queueFirst ? d : c);
      }
    }
  }

  private static double appendRate(ShardLog log, TestRecords batch) {
    long start = System.nanoTime();
    for (int b = 0; b < BATCHES; b++) {
      log.append(batch, BATCH, 1);
    }
    return (double) BATCHES * BATCH / ((System.nanoTime() - start) / 1e9);
  }

  private static double readRate(ShardLog log) {
    long start = System.nanoTime();
    long from = Math.max(log.firstSequenceNumber(), log.nextSequenceNumber() - (long) BATCHES * BATCH);
    long read = 0;
    while (from < log.nextSequenceNumber()) {
      var batch = log.read(from, 10_000, 1 << 20);
      read += batch.count();
      from = batch.nextSequenceNumber();
    }
    return read / ((System.nanoTime() - start) / 1e9);
  }
}

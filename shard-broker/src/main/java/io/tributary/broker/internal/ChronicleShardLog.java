package io.tributary.broker.internal;

import com.google.protobuf.UnsafeByteOperations;
import io.tributary.broker.AppendSource;
import io.tributary.broker.Appended;
import io.tributary.broker.EpochEnd;
import io.tributary.broker.ReadBatch;
import io.tributary.broker.ReplicaRecord;
import io.tributary.broker.ShardLog;
import io.tributary.broker.ShardLogClosedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A shard log in one Chronicle queue, one excerpt per record holding exactly the serialized {@code
 * Record}; a shard's whole log is a chain of these ({@link SegmentedShardLog}), one per run of
 * records of one leader epoch, because a queue cannot be truncated in place. Thread-safe: appends serialize on one lock and one appender; reads run concurrently on
 * pooled tailers under the read side of a lifecycle lock, whose write side only file deletion and
 * close take, so no reader ever touches an unmapped file.
 *
 * <p>Durability: appends write into memory-mapped files and return without fsync, like Kafka's
 * defaults. A record survives the broker process being killed (the pages belong to the OS); a
 * machine crash can lose records not yet written back, which replication is there to cover.
 */
public final class ChronicleShardLog implements ShardLog {
  private static final Logger LOG = LogManager.getLogger(ChronicleShardLog.class);
  private static final int MAX_IDLE_TAILERS = 8;

  private final String name;
  private final MonotonicTime time;
  private final SingleChronicleQueue queue;
  private final RollCycle rollCycle;
  private final ExcerptAppender appender;
  private final TailerPool tailers;
  private final LogReader reader;
  private final CycleFiles files;
  private final BytesSink sink = new BytesSink();
  private final ReentrantLock appendLock = new ReentrantLock();
  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private final AtomicReference<CycleIndex> cycles;
  private volatile long nextSequence;
  private volatile long lastArrival;
  private volatile int averageRecordBytes;
  private volatile boolean closed;
  /** The cycle the appender writes to and its first sequence; guarded by {@link #appendLock}. */
  private int currentCycle;
  private long currentCycleFirst;

  private ChronicleShardLog(String name, MonotonicTime time, SingleChronicleQueue queue, LogScan scan) {
    this.name = name;
    this.time = time;
    this.queue = queue;
    this.rollCycle = queue.rollCycle();
    this.appender = queue.createAppender();
    this.appender.singleThreadedCheckDisabled(true);
    this.tailers = new TailerPool(queue, MAX_IDLE_TAILERS);
    this.reader = new LogReader(name, rollCycle, tailers);
    this.files = new CycleFiles(queue);
    this.cycles = new AtomicReference<>(scan.cycles());
    this.nextSequence = scan.nextSequence();
    this.lastArrival = scan.lastArrival();
    this.averageRecordBytes = 128;
    CycleIndex index = scan.cycles();
    this.currentCycle = index.isEmpty() ? Integer.MIN_VALUE : index.cycle(index.size() - 1);
    this.currentCycleFirst = index.isEmpty() ? scan.nextSequence() : index.firstSequence(index.size() - 1);
  }

  /**
   * Opens (or creates) the log in {@code dir}, numbered from 0 when empty; Chronicle's clock is
   * {@code clock}, so roll cycles follow the same time as arrival stamps.
   *
   * @param name how messages name the shard, e.g. {@code shard shardId-000000000000 of stream 'a'}
   */
  public static ChronicleShardLog open(Path dir, RollCycle rollCycle, Clock clock, String name) {
    return open(dir, rollCycle, clock, name, 0, -1);
  }

  /**
   * As {@link #open(Path, RollCycle, Clock, String)}, for one segment of a chain: when empty, its
   * first record gets {@code baseSequence}, and no arrival stamp goes below {@code arrivalFloor} (the
   * newest arrival of the segments before it).
   */
  static ChronicleShardLog open(
      Path dir, RollCycle rollCycle, Clock clock, String name, long baseSequence, long arrivalFloor) {
    MonotonicTime time = new MonotonicTime(clock);
    SingleChronicleQueue queue =
        SingleChronicleQueueBuilder.binary(dir).rollCycle(rollCycle).timeProvider(time).build();
    try {
      LogScan scan = LogScan.of(queue, name, baseSequence);
      time.raiseTo(Math.max(scan.lastArrival(), arrivalFloor));
      CycleIndex index = scan.cycles();
      if (!index.isEmpty()) {
        time.raiseTo(queue.epoch() + (long) index.cycle(index.size() - 1) * rollCycle.lengthInMillis());
      }
      return new ChronicleShardLog(name, time, queue, scan);
    } catch (RuntimeException | Error e) {
      queue.close();
      throw e;
    }
  }

  @Override
  public Appended append(AppendSource records, int count, long leaderEpoch) {
    appendLock.lock();
    try {
      if (closed) {
        throw new ShardLogClosedException(name);
      }
      long arrival = Math.max(time.currentTimeMillis(), lastArrival);
      long first = nextSequence;
      int written = 0;
      long bytes = 0;
      try {
        while (written < count) {
          bytes += writeRecord(records, written, first + written, arrival, leaderEpoch);
          written++;
          track(appender.lastIndexAppended(), first + written - 1);
        }
      } finally {
        if (written > 0) {
          lastArrival = arrival;
          averageRecordBytes = (int) Math.max(1, bytes / written);
          nextSequence = first + written;
        }
      }
      return new Appended(first, count, arrival);
    } finally {
      appendLock.unlock();
    }
  }

  private long writeRecord(AppendSource records, int i, long sequence, long arrival, long epoch) {
    try (DocumentContext dc = appender.writingDocument()) {
      Bytes<?> out = dc.wire().bytes();
      long start = out.writePosition();
      try {
        long producer = records.producerId();
        long producerSequence = producer == 0 ? 0 : records.firstProducerSequence() + i;
        RecordCodec.write(
            out, sequence, arrival, records.partitionKey(i), records.data(i), epoch, producer, producerSequence, sink);
      } catch (RuntimeException | Error e) {
        dc.rollbackOnClose();
        throw e;
      }
      return out.writePosition() - start;
    }
  }

  /** Notes where a new roll cycle starts, and checks that numbering and Chronicle indexes agree. */
  private void track(long index, long sequence) {
    int cycle = rollCycle.toCycle(index);
    if (cycle != currentCycle) {
      cycles.updateAndGet(c -> c.plus(cycle, sequence));
      currentCycle = cycle;
      currentCycleFirst = sequence;
    }
    if (rollCycle.toSequenceNumber(index) != sequence - currentCycleFirst) {
      throw new IllegalStateException(
          "record " + sequence + " of " + name + " landed at position " + rollCycle.toSequenceNumber(index)
              + " of roll cycle " + cycle + " instead of " + (sequence - currentCycleFirst)
              + "; only this broker may write to the shard's directory");
    }
  }

  @Override
  public ReadBatch read(long fromSequenceNumber, int maxRecords, int maxBytes, long endExclusive) {
    lifecycle.readLock().lock();
    try {
      checkOpen();
      long next = Math.min(nextSequence, Math.max(endExclusive, 0));
      if (fromSequenceNumber > nextSequence) {
        next = nextSequence;
      }
      if (fromSequenceNumber > next) {
        throw new IllegalArgumentException(
            "sequence number " + fromSequenceNumber + " is past the end of " + name + " (next is " + next + ")");
      }
      CycleIndex index = cycles.get();
      long start = Math.max(fromSequenceNumber, first(index, next));
      int wanted = (int) Math.min(maxRecords, next - start);
      if (wanted <= 0) {
        return ReadBatch.empty(start);
      }
      return reader.read(index, start, wanted, maxBytes, next, averageRecordBytes);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  @Override
  public void appendCopies(List<ReplicaRecord> records) {
    appendLock.lock();
    try {
      if (closed) {
        throw new ShardLogClosedException(name);
      }
      long first = nextSequence;
      checkContinues(records, first, name);
      int written = 0;
      long bytes = 0;
      long arrival = lastArrival;
      try {
        for (ReplicaRecord record : records) {
          bytes += writeCopy(record);
          written++;
          arrival = Math.max(arrival, record.arrivalMillis());
          track(appender.lastIndexAppended(), record.sequenceNumber());
        }
      } finally {
        if (written > 0) {
          lastArrival = arrival;
          averageRecordBytes = (int) Math.max(1, bytes / written);
          nextSequence = first + written;
        }
      }
    } finally {
      appendLock.unlock();
    }
  }

  /** Refuses copies that do not number on from {@code next} without gaps, before any is written. */
  static void checkContinues(List<ReplicaRecord> records, long next, String name) {
    long expected = next;
    for (ReplicaRecord record : records) {
      if (record.sequenceNumber() != expected) {
        throw new IllegalArgumentException("copied record " + record.sequenceNumber() + " does not continue the log of "
            + name + " (its next record is " + expected + "); fetch from the log's end");
      }
      expected++;
    }
  }

  private long writeCopy(ReplicaRecord record) {
    try (DocumentContext dc = appender.writingDocument()) {
      Bytes<?> out = dc.wire().bytes();
      long start = out.writePosition();
      try {
        sink.target(out);
        UnsafeByteOperations.unsafeWriteTo(record.stored(), sink);
      } catch (IOException e) {
        dc.rollbackOnClose();
        throw new UncheckedIOException("cannot copy a replicated record into the log of " + name, e);
      } catch (RuntimeException | Error e) {
        dc.rollbackOnClose();
        throw e;
      }
      return out.writePosition() - start;
    }
  }

  /** Unsupported: one queue cannot answer by epoch; {@link SegmentedShardLog} keeps epochs per segment. */
  @Override
  public EpochEnd epochEnd(long epoch) {
    throw new UnsupportedOperationException("a single queue does not track epochs; open the shard as a SegmentedShardLog");
  }

  /** Unsupported, as {@link #epochEnd}. */
  @Override
  public long latestEpoch() {
    throw new UnsupportedOperationException("a single queue does not track epochs; open the shard as a SegmentedShardLog");
  }

  /** Unsupported: a queue cannot drop its tail; {@link SegmentedShardLog} copies the kept prefix instead. */
  @Override
  public void truncateTo(long sequenceNumber) {
    throw new UnsupportedOperationException("a single queue cannot be truncated; open the shard as a SegmentedShardLog");
  }

  /** Unsupported, as {@link #truncateTo}. */
  @Override
  public void resetTo(long sequenceNumber) {
    throw new UnsupportedOperationException("a single queue cannot be reset; open the shard as a SegmentedShardLog");
  }

  @Override
  public long firstSequenceNumber() {
    return first(cycles.get(), nextSequence);
  }

  @Override
  public long nextSequenceNumber() {
    return nextSequence;
  }

  @Override
  public long lastArrivalMillis() {
    return lastArrival;
  }

  @Override
  public long sequenceNumberAt(long timestampMillis) {
    lifecycle.readLock().lock();
    try {
      checkOpen();
      long next = nextSequence;
      CycleIndex index = cycles.get();
      long first = first(index, next);
      if (first == next || lastArrival < timestampMillis) {
        return next;
      }
      return reader.firstAtOrAfter(index, first, next, timestampMillis);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /** Never stamps an arrival below {@code millis} from now on (a truncated log's newest arrival). */
  void raiseArrivalFloor(long millis) {
    time.raiseTo(millis);
  }

  /** The arrival time of stored record {@code sequence}; the caller keeps the log open meanwhile. */
  long arrivalOf(long sequence) {
    lifecycle.readLock().lock();
    try {
      checkOpen();
      return reader.arrivalOf(cycles.get(), sequence);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  @Override
  public int dropOlderThan(long cutoffMillis) {
    int drop = countExpired(cutoffMillis);
    if (drop == 0) {
      return 0;
    }
    CycleIndex before;
    lifecycle.writeLock().lock();
    try {
      if (closed) {
        return 0;
      }
      before = cycles.getAndUpdate(c -> c.dropOldest(drop));
      tailers.clear();
      for (int i = 0; i < drop; i++) {
        files.delete(before.cycle(i));
      }
      queue.refreshDirectoryListing();
    } finally {
      lifecycle.writeLock().unlock();
    }
    LOG.info("retention dropped {} roll cycle(s) of {}; it now starts at sequence {}", drop, name,
        before.firstSequence(drop));
    return drop;
  }

  private int countExpired(long cutoffMillis) {
    lifecycle.readLock().lock();
    try {
      return closed ? 0 : reader.expiredCycles(cycles.get(), cutoffMillis);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  @Override
  public long bytesOnDisk() {
    lifecycle.readLock().lock();
    try {
      checkOpen();
      CycleIndex index = cycles.get();
      long total = 0;
      for (int i = 0; i < index.size(); i++) {
        total += files.bytes(index.cycle(i), i + 1 < index.size());
      }
      return total;
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  @Override
  public void close() {
    appendLock.lock();
    try {
      lifecycle.writeLock().lock();
      try {
        if (closed) {
          return;
        }
        closed = true;
        appender.close();
        tailers.clear();
        queue.close();
      } finally {
        lifecycle.writeLock().unlock();
      }
    } finally {
      appendLock.unlock();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new ShardLogClosedException(name);
    }
  }

  private static long first(CycleIndex index, long next) {
    return index.isEmpty() ? next : index.firstSequence(0);
  }

  /** The cycle index as it stands; tests compare it with what Chronicle stores. */
  CycleIndex cycleIndex() {
    return cycles.get();
  }

  @Override
  public String toString() {
    return "ChronicleShardLog[" + name + "]";
  }
}

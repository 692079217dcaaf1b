package io.tributary.broker.internal;

import io.tributary.broker.AppendSource;
import io.tributary.broker.Appended;
import io.tributary.broker.EpochEnd;
import io.tributary.broker.ReadBatch;
import io.tributary.broker.ReplicaRecord;
import io.tributary.broker.ReplicaRecords;
import io.tributary.broker.ShardLog;
import io.tributary.broker.ShardLogClosedException;
import io.tributary.common.io.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import net.openhft.chronicle.queue.RollCycle;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A shard log as a chain of Chronicle queues, one per run of records of one leader epoch ({@code
 * <shard>/<epoch>-<firstSeq>/}), named in order by the pointer file {@link SegmentList}. Epoch
 * boundaries come from the chain without a scan, and the tail can be cut, which one queue cannot
 * do: the segment holding the cut is replaced by a copy of its kept prefix.
 *
 * <p>Thread-safe: appends serialize on one lock and go to the newest segment; reads run concurrently
 * under the read side of a lifecycle lock, whose write side is taken only to close segments, so no
 * reader touches an unmapped file. Truncation, reset and retention serialize on a third lock.
 */
public final class SegmentedShardLog implements ShardLog {
  private static final Logger LOG = LogManager.getLogger(SegmentedShardLog.class);
  private static final int COPY_RECORDS = 10_000;
  private static final int COPY_BYTES = 4 << 20;

  private final Path dir;
  private final RollCycle rollCycle;
  private final Clock clock;
  private final String name;
  private final ReentrantLock structureLock = new ReentrantLock();
  private final ReentrantLock appendLock = new ReentrantLock();
  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private volatile SegmentChain chain;
  private volatile long lastArrival;
  private volatile boolean closed;

  private SegmentedShardLog(Path dir, RollCycle rollCycle, Clock clock, String name, SegmentChain chain) {
    this.dir = dir;
    this.rollCycle = rollCycle;
    this.clock = clock;
    this.name = name;
    this.chain = chain;
    int newest = chain.newestWithRecords();
    this.lastArrival = newest < 0 ? -1 : chain.get(newest).log().lastArrivalMillis();
  }

  /**
   * Opens (or creates) the log in {@code dir}, deleting segments an interrupted truncation left.
   *
   * @param name how messages name the shard, e.g. {@code shard shardId-000000000000 of stream 'a'}
   */
  public static SegmentedShardLog open(Path dir, RollCycle rollCycle, Clock clock, String name) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
    }
    SegmentList.Listing listing = SegmentList.read(dir, name);
    SegmentList.removeLeftovers(dir, listing, name);
    List<OpenSegment> segments = new ArrayList<>();
    try {
      for (SegmentEntry entry : listing.segments()) {
        Path segmentDir = dir.resolve(entry.directory());
        segments.add(new OpenSegment(
            entry, ChronicleShardLog.open(segmentDir, rollCycle, clock, name, entry.baseSequence(), -1)));
      }
      checkContiguous(segments, name);
      return new SegmentedShardLog(dir, rollCycle, clock, name, new SegmentChain(listing.start(), segments));
    } catch (RuntimeException | Error e) {
      segments.forEach(s -> s.log().close());
      throw e;
    }
  }

  private static void checkContiguous(List<OpenSegment> segments, String name) {
    for (int i = 0; i + 1 < segments.size(); i++) {
      if (segments.get(i).end() != segments.get(i + 1).first()) {
        throw new IllegalStateException("the log of " + name + " is damaged: segment "
            + segments.get(i).entry().directory() + " ends at " + segments.get(i).end() + " but segment "
            + segments.get(i + 1).entry().directory() + " starts at " + segments.get(i + 1).first()
            + "; move the shard's directory aside to start it empty and let it copy from its leader");
      }
    }
  }

  @Override
  public Appended append(AppendSource records, int count, long leaderEpoch) {
    appendLock.lock();
    try {
      checkOpen();
      if (count == 0) {
        return new Appended(chain.next(), 0, Math.max(clock.millis(), lastArrival));
      }
      OpenSegment newest = chain.newest();
      if (newest == null || newest.epoch() != leaderEpoch) {
        newest = startSegment(leaderEpoch);
      }
      Appended appended = newest.log().append(records, count, leaderEpoch);
      lastArrival = appended.arrivalMillis();
      return appended;
    } finally {
      appendLock.unlock();
    }
  }

  @Override
  public void appendCopies(List<ReplicaRecord> records) {
    appendLock.lock();
    try {
      checkOpen();
      ChronicleShardLog.checkContinues(records, chain.next(), name);
      int from = 0;
      while (from < records.size()) {
        long epoch = records.get(from).leaderEpoch();
        int to = from + 1;
        while (to < records.size() && records.get(to).leaderEpoch() == epoch) {
          to++;
        }
        OpenSegment newest = chain.newest();
        if (newest == null || newest.epoch() != epoch) {
          newest = startSegment(epoch);
        }
        newest.log().appendCopies(records.subList(from, to));
        lastArrival = Math.max(lastArrival, newest.log().lastArrivalMillis());
        from = to;
      }
    } finally {
      appendLock.unlock();
    }
  }

  /**
   * Starts a segment for {@code epoch} at the end of the log, listing it before any record goes in.
   * An empty newest segment (a crash came before its first record) is replaced, not kept in the middle.
   */
  private OpenSegment startSegment(long epoch) {
    SegmentChain current = chain;
    OpenSegment empty = current.newest() != null && current.newest().isEmpty() ? current.newest() : null;
    SegmentChain base = empty == null ? current : current.withoutNewest();
    if (base.newest() != null && base.newest().epoch() == epoch) {
      SegmentList.write(dir, base.listing());
      publish(base, List.of(empty));
      return base.newest();
    }
    OpenSegment segment = createSegment(epoch, current.next());
    SegmentChain next = base.plus(segment);
    try {
      SegmentList.write(dir, next.listing());
    } catch (RuntimeException | Error e) {
      discard(List.of(segment));
      throw e;
    }
    publish(next, empty == null ? List.of() : List.of(empty));
    return segment;
  }

  private OpenSegment createSegment(long epoch, long baseSequence) {
    SegmentEntry entry = new SegmentEntry(SegmentList.freshDirectory(dir, epoch, baseSequence), epoch, baseSequence);
    ChronicleShardLog log =
        ChronicleShardLog.open(dir.resolve(entry.directory()), rollCycle, clock, name, baseSequence, lastArrival);
    return new OpenSegment(entry, log);
  }

  /**
   * Makes {@code next} (already in the pointer file) the chain, then closes and deletes {@code
   * dropped}, which readers may be using.
   */
  private void publish(SegmentChain next, List<OpenSegment> dropped) {
    if (dropped.isEmpty()) {
      chain = next;
      return;
    }
    lifecycle.writeLock().lock();
    try {
      chain = next;
      discard(dropped);
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  private void discard(List<OpenSegment> segments) {
    for (OpenSegment segment : segments) {
      segment.log().close();
      Directories.deleteRecursively(dir.resolve(segment.entry().directory()));
    }
  }

  @Override
  public ReadBatch read(long fromSequenceNumber, int maxRecords, int maxBytes, long endExclusive) {
    lifecycle.readLock().lock();
    try {
      checkOpen();
      SegmentChain current = chain;
      long logEnd = current.next();
      if (fromSequenceNumber > logEnd) {
        throw new IllegalArgumentException(
            "sequence number " + fromSequenceNumber + " is past the end of " + name + " (next is " + logEnd + ")");
      }
      long end = Math.min(logEnd, Math.max(endExclusive, 0));
      long start = Math.max(fromSequenceNumber, current.first());
      if (start >= end || maxRecords <= 0) {
        return ReadBatch.empty(start);
      }
      ChronicleShardLog segment = current.holding(start).log();
      ReadBatch batch = segment.read(start, maxRecords, maxBytes, end);
      long next = batch.nextSequenceNumber();
      if (batch.nextArrivalMillis() < 0 && next < end) {
        long arrival = current.holding(next).log().arrivalOf(next);
        return new ReadBatch(batch.records(), batch.count(), next, arrival);
      }
      return batch;
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  @Override
  public EpochEnd epochEnd(long epoch) {
    SegmentChain current = chain;
    long found = -1;
    long end = current.first();
    for (int i = 0; i < current.size(); i++) {
      OpenSegment segment = current.get(i);
      if (segment.isEmpty()) {
        continue;
      }
      if (segment.epoch() > epoch) {
        break;
      }
      found = segment.epoch();
      end = segment.end();
    }
    return new EpochEnd(found, end);
  }

  @Override
  public long latestEpoch() {
    SegmentChain current = chain;
    int newest = current.newestWithRecords();
    return newest < 0 ? -1 : current.get(newest).epoch();
  }

  @Override
  public void truncateTo(long sequenceNumber) {
    structureLock.lock();
    try {
      appendLock.lock();
      try {
        checkOpen();
        SegmentChain current = chain;
        if (sequenceNumber < current.first()) {
          throw new IllegalArgumentException("cannot truncate " + name + " to " + sequenceNumber
              + ", below its first sequence number " + current.first());
        }
        if (sequenceNumber < current.next()) {
          cut(current, sequenceNumber);
        }
      } finally {
        appendLock.unlock();
      }
    } finally {
      structureLock.unlock();
    }
  }

  /** Keeps the segments before {@code sequence}, a copy of the prefix of the one holding it, and drops the rest. */
  private void cut(SegmentChain current, long sequence) {
    List<OpenSegment> kept = new ArrayList<>();
    List<OpenSegment> dropped = new ArrayList<>();
    OpenSegment copy = null;
    for (OpenSegment segment : current.segments()) {
      if (segment.end() <= sequence) {
        kept.add(segment);
      } else {
        dropped.add(segment);
        if (segment.first() < sequence) {
          copy = copyPrefix(segment, sequence);
          kept.add(copy);
        }
      }
    }
    SegmentChain next = new SegmentChain(sequence, kept);
    if (next.newest() != null) {
      next.newest().log().raiseArrivalFloor(lastArrival);
    }
    SegmentList.write(dir, next.listing());
    publish(next, dropped);
    LOG.info("truncated {} to sequence {}: dropped {} segment(s){}", name, sequence, dropped.size(),
        copy == null ? "" : ", kept the prefix of the last in " + copy.entry().directory());
  }

  /** A new segment holding the records of {@code segment} below {@code end}, flushed to disk. */
  private OpenSegment copyPrefix(OpenSegment segment, long end) {
    OpenSegment copy = createSegment(segment.epoch(), segment.first());
    try {
      long next = segment.first();
      while (next < end) {
        ReadBatch batch = segment.log().read(next, COPY_RECORDS, COPY_BYTES, end);
        copy.log().appendCopies(ReplicaRecords.parse(batch.records()));
        next = batch.nextSequenceNumber();
      }
      SegmentList.forceTree(dir.resolve(copy.entry().directory()));
      return copy;
    } catch (RuntimeException | Error e) {
      discard(List.of(copy));
      throw e;
    }
  }

  @Override
  public void resetTo(long sequenceNumber) {
    structureLock.lock();
    try {
      appendLock.lock();
      try {
        checkOpen();
        SegmentChain next = new SegmentChain(sequenceNumber, List.of());
        SegmentList.write(dir, next.listing());
        publish(next, chain.segments());
        LOG.info("reset {} to start empty at sequence {}", name, sequenceNumber);
      } finally {
        appendLock.unlock();
      }
    } finally {
      structureLock.unlock();
    }
  }

  @Override
  public long firstSequenceNumber() {
    return chain.first();
  }

  @Override
  public long nextSequenceNumber() {
    return chain.next();
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
      SegmentChain current = chain;
      for (int i = 0; i < current.size(); i++) {
        OpenSegment segment = current.get(i);
        if (!segment.isEmpty() && segment.log().lastArrivalMillis() >= timestampMillis) {
          return segment.log().sequenceNumberAt(timestampMillis);
        }
      }
      return current.next();
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /**
   * Drops whole segments whose records all arrived before the cutoff, never the one holding the
   * newest record, then the old roll cycles of the oldest segment left.
   */
  @Override
  public int dropOlderThan(long cutoffMillis) {
    structureLock.lock();
    try {
      if (closed) {
        return 0;
      }
      int dropped = dropSegments(cutoffMillis);
      lifecycle.readLock().lock();
      try {
        SegmentChain current = chain;
        return closed || current.size() == 0 ? dropped : dropped + current.get(0).log().dropOlderThan(cutoffMillis);
      } finally {
        lifecycle.readLock().unlock();
      }
    } finally {
      structureLock.unlock();
    }
  }

  private int dropSegments(long cutoffMillis) {
    SegmentChain current = chain;
    int newest = current.newestWithRecords();
    int drop = 0;
    int cycles = 0;
    while (drop < newest && current.get(drop).log().lastArrivalMillis() < cutoffMillis) {
      cycles += current.get(drop).log().cycleIndex().size();
      drop++;
    }
    if (drop == 0) {
      return 0;
    }
    int count = drop;
    appendLock.lock();
    try {
      SegmentChain latest = chain;
      SegmentChain next = latest.withoutOldest(count);
      SegmentList.write(dir, next.listing());
      publish(next, latest.segments().subList(0, count));
    } finally {
      appendLock.unlock();
    }
    LOG.info("retention dropped {} segment(s) of {}; it now starts at sequence {}", drop, name, chain.first());
    return cycles;
  }

  @Override
  public long bytesOnDisk() {
    lifecycle.readLock().lock();
    try {
      checkOpen();
      long total = 0;
      for (OpenSegment segment : chain.segments()) {
        total += segment.log().bytesOnDisk();
      }
      return total;
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  @Override
  public void close() {
    structureLock.lock();
    appendLock.lock();
    lifecycle.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        chain.segments().forEach(s -> s.log().close());
      }
    } finally {
      lifecycle.writeLock().unlock();
      appendLock.unlock();
      structureLock.unlock();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new ShardLogClosedException(name);
    }
  }

  /** The live segments' list entries, oldest first; tests compare them with the directories. */
  List<SegmentEntry> segments() {
    return chain.listing().segments();
  }

  @Override
  public String toString() {
    return "SegmentedShardLog[" + name + "]";
  }
}

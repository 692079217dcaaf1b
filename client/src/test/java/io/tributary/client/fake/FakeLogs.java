package io.tributary.client.fake;

import com.google.protobuf.ByteString;
import io.tributary.proto.v1.PutRecordsEntry;
import io.tributary.proto.v1.Record;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** In-memory shard logs that outlive a fake broker, so a "restarted" broker serves the same data. Thread-safe. */
public final class FakeLogs {
  private final Map<String, Log> logs = new ConcurrentHashMap<>();

  public Log log(String shardId) {
    return logs.computeIfAbsent(shardId, id -> new Log());
  }

  /** Every record of a shard, in order. */
  public List<Record> records(String shardId) {
    return log(shardId).read(0, Integer.MAX_VALUE);
  }

  /** One shard's records. Thread-safe. */
  public static final class Log {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition grew = lock.newCondition();
    private final List<Record> records = new ArrayList<>();
    private final ProducerStates producers = new ProducerStates();
    private volatile boolean closed;

    /** Appends and returns the first record's sequence number, or -1 once the log is sealed. */
    public long append(List<PutRecordsEntry> entries, long arrivalMillis) {
      lock.lock();
      try {
        return closed ? -1 : write(entries, arrivalMillis, 0, 0);
      } finally {
        lock.unlock();
      }
    }

    /**
     * An idempotent producer's put, checked and written under the log lock as a broker does: at most
     * {@code limit} of the new records are written (a quota prefix).
     */
    public Put put(long producerId, long firstProducerSequence, List<PutRecordsEntry> entries, int limit,
        long arrivalMillis) {
      lock.lock();
      try {
        if (closed) {
          return new Put(null, 0, -1);
        }
        ProducerStates.Check c = producers.check(producerId, firstProducerSequence, entries.size());
        if (c.verdict() != ProducerStates.Verdict.APPEND) {
          return new Put(c, c.duplicates(), c.firstNumber());
        }
        int n = Math.min(limit, entries.size());
        long first = write(entries.subList(0, n), arrivalMillis, producerId, firstProducerSequence);
        producers.written(producerId, firstProducerSequence, n, first);
        return new Put(c, n, first);
      } finally {
        lock.unlock();
      }
    }

    /** Forgets which sequence numbers recent idempotent batches got. */
    public void forgetBatches() {
      lock.lock();
      try {
        producers.forgetBatches();
      } finally {
        lock.unlock();
      }
    }

    /** @param check null when the log is sealed */
    public record Put(ProducerStates.Check check, int accepted, long firstNumber) {}

    private long write(List<PutRecordsEntry> entries, long arrivalMillis, long producerId, long firstProducerSequence) {
      long first = records.size();
      for (int i = 0; i < entries.size(); i++) {
        PutRecordsEntry e = entries.get(i);
        records.add(Record.newBuilder()
            .setSequenceNumber(records.size())
            .setArrivalMillis(arrivalMillis)
            .setPartitionKey(e.getPartitionKey())
            .setData(ByteString.copyFrom(e.getData().toByteArray()))
            .setProducerId(producerId)
            .setProducerSequence(producerId == 0 ? 0 : firstProducerSequence + i)
            .build());
      }
      grew.signalAll();
      return first;
    }

    public List<Record> read(long from, int max) {
      lock.lock();
      try {
        int start = (int) Math.min(from, records.size());
        int end = (int) Math.min(records.size(), (long) start + max);
        return new ArrayList<>(records.subList(start, end));
      } finally {
        lock.unlock();
      }
    }

    /** Waits up to {@code millis} for a record at {@code position}. */
    public void awaitRecord(long position, long millis) throws InterruptedException {
      lock.lock();
      try {
        long nanos = TimeUnit.MILLISECONDS.toNanos(millis);
        while (records.size() <= position && nanos > 0) {
          nanos = grew.awaitNanos(nanos);
        }
      } finally {
        lock.unlock();
      }
    }

    public int size() {
      lock.lock();
      try {
        return records.size();
      } finally {
        lock.unlock();
      }
    }

    /** Seals the log (a closed shard): later appends are refused. */
    public void close() {
      lock.lock();
      try {
        closed = true;
        grew.signalAll();
      } finally {
        lock.unlock();
      }
    }

    public boolean closed() {
      return closed;
    }
  }
}

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
    private volatile boolean closed;

    /** Appends and returns the first record's sequence number, or -1 once the log is sealed. */
    public long append(List<PutRecordsEntry> entries, long arrivalMillis) {
      lock.lock();
      try {
        if (closed) {
          return -1;
        }
        long first = records.size();
        for (PutRecordsEntry e : entries) {
          records.add(Record.newBuilder()
              .setSequenceNumber(records.size())
              .setArrivalMillis(arrivalMillis)
              .setPartitionKey(e.getPartitionKey())
              .setData(ByteString.copyFrom(e.getData().toByteArray()))
              .build());
        }
        grew.signalAll();
        return first;
      } finally {
        lock.unlock();
      }
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

package io.tributary.broker;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.tributary.proto.v1.Record;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ShardLog} in memory, for fast tests of what is built on logs. Thread-safe (every method
 * synchronizes on the log). Retention drops single records instead of roll cycles, but keeps the
 * newest record, as the real log keeps its newest cycle.
 */
public final class InMemoryShardLog implements ShardLog {
  private final String name;
  private final Clock clock;
  private final List<byte[]> records = new ArrayList<>();
  private final List<Long> arrivals = new ArrayList<>();
  private final List<Long> epochs = new ArrayList<>();
  private long first;
  private long lastArrival = -1;
  private boolean closed;

  public InMemoryShardLog(String name, Clock clock) {
    this.name = name;
    this.clock = clock;
  }

  /** How messages name this log's shard. */
  public String name() {
    return name;
  }

  @Override
  public synchronized Appended append(AppendSource source, int count, long leaderEpoch) {
    checkOpen();
    long arrival = Math.max(clock.millis(), lastArrival);
    long sequence = nextSequenceNumber();
    for (int i = 0; i < count; i++) {
      Record record =
          Record.newBuilder()
              .setSequenceNumber(sequence + i)
              .setArrivalMillis(arrival)
              .setPartitionKey(source.partitionKey(i).toStringUtf8())
              .setData(source.data(i))
              .setLeaderEpoch(leaderEpoch)
              .setProducerId(source.producerId())
              .setProducerSequence(source.producerId() == 0 ? 0 : source.firstProducerSequence() + i)
              .build();
      records.add(record.toByteArray());
      arrivals.add(arrival);
      epochs.add(leaderEpoch);
    }
    if (count > 0) {
      lastArrival = arrival;
    }
    return new Appended(sequence, count, arrival);
  }

  @Override
  public synchronized ReadBatch read(long fromSequenceNumber, int maxRecords, int maxBytes, long endExclusive) {
    checkOpen();
    long end = nextSequenceNumber();
    if (fromSequenceNumber > end) {
      throw new IllegalArgumentException(
          "sequence number " + fromSequenceNumber + " is past the end of " + name + " (next is " + end + ")");
    }
    long next = Math.min(end, Math.max(endExclusive, 0));
    long start = Math.max(fromSequenceNumber, first);
    ByteString.Output out = ByteString.newOutput();
    int count = 0;
    int size = 0;
    while (count < maxRecords && start + count < next) {
      byte[] record = records.get((int) (start + count - first));
      int framed = 1 + CodedOutputStream.computeUInt32SizeNoTag(record.length) + record.length;
      if (count > 0 && size + framed > maxBytes) {
        break;
      }
      out.write(0x0A);
      writeVarint(out, record.length);
      out.write(record, 0, record.length);
      size += framed;
      count++;
    }
    long nextSequence = start + count;
    long nextArrival = nextSequence < next ? arrivals.get((int) (nextSequence - first)) : -1;
    return new ReadBatch(out.toByteString(), count, nextSequence, nextArrival);
  }

  @Override
  public synchronized void appendCopies(List<ReplicaRecord> copies) {
    checkOpen();
    long expected = nextSequenceNumber();
    for (ReplicaRecord copy : copies) {
      if (copy.sequenceNumber() != expected) {
        throw new IllegalArgumentException("record " + copy.sequenceNumber() + " does not continue " + name
            + " (next is " + expected + ")");
      }
      records.add(copy.stored().toByteArray());
      arrivals.add(copy.arrivalMillis());
      epochs.add(copy.leaderEpoch());
      lastArrival = Math.max(lastArrival, copy.arrivalMillis());
      expected++;
    }
  }

  @Override
  public synchronized EpochEnd epochEnd(long epoch) {
    long found = -1;
    int i = 0;
    while (i < epochs.size() && epochs.get(i) <= epoch) {
      found = epochs.get(i);
      i++;
    }
    return found < 0 ? new EpochEnd(-1, first) : new EpochEnd(found, first + i);
  }

  @Override
  public synchronized long latestEpoch() {
    return epochs.isEmpty() ? -1 : epochs.get(epochs.size() - 1);
  }

  @Override
  public synchronized void truncateTo(long sequenceNumber) {
    checkOpen();
    if (sequenceNumber < first) {
      throw new IllegalArgumentException("cannot truncate " + name + " to " + sequenceNumber
          + ", below its first sequence number " + first);
    }
    int keep = (int) Math.min(records.size(), sequenceNumber - first);
    records.subList(keep, records.size()).clear();
    arrivals.subList(keep, arrivals.size()).clear();
    epochs.subList(keep, epochs.size()).clear();
  }

  @Override
  public synchronized void resetTo(long sequenceNumber) {
    checkOpen();
    records.clear();
    arrivals.clear();
    epochs.clear();
    first = sequenceNumber;
  }

  @Override
  public synchronized long firstSequenceNumber() {
    return first;
  }

  @Override
  public synchronized long nextSequenceNumber() {
    return first + records.size();
  }

  @Override
  public synchronized long lastArrivalMillis() {
    return lastArrival;
  }

  @Override
  public synchronized long sequenceNumberAt(long timestampMillis) {
    for (int i = 0; i < arrivals.size(); i++) {
      if (arrivals.get(i) >= timestampMillis) {
        return first + i;
      }
    }
    return nextSequenceNumber();
  }

  @Override
  public synchronized int dropOlderThan(long cutoffMillis) {
    int drop = 0;
    while (drop + 1 < records.size() && arrivals.get(drop) < cutoffMillis) {
      drop++;
    }
    records.subList(0, drop).clear();
    arrivals.subList(0, drop).clear();
    epochs.subList(0, drop).clear();
    first += drop;
    return drop;
  }

  @Override
  public synchronized long bytesOnDisk() {
    long total = 0;
    for (byte[] record : records) {
      total += record.length;
    }
    return total;
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  private void checkOpen() {
    if (closed) {
      throw new ShardLogClosedException(name);
    }
  }

  private static void writeVarint(ByteString.Output out, int value) {
    while ((value & ~0x7F) != 0) {
      out.write((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    out.write(value);
  }
}

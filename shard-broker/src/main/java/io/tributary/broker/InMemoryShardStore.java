package io.tributary.broker;

import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A {@link ShardStore} whose logs live in memory; reopening a shard returns its earlier records, as
 * a broker restart on the same directory would. Thread-safe.
 */
public final class InMemoryShardStore implements ShardStore {
  private final Clock clock;
  private final Map<String, InMemoryShardLog> logs = new HashMap<>();

  public InMemoryShardStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized ShardLog open(StreamRef stream, String shardId) {
    InMemoryShardLog log =
        logs.computeIfAbsent(
            key(stream, shardId),
            k -> new InMemoryShardLog("shard " + shardId + " of stream '" + stream.name() + "'", clock));
    return new Reopened(log);
  }

  @Override
  public synchronized void deleteShard(StreamRef stream, String shardId) {
    logs.remove(key(stream, shardId));
  }

  @Override
  public synchronized void deleteStream(StreamRef stream) {
    logs.keySet().removeIf(k -> k.startsWith(stream.directoryName() + "/"));
  }

  @Override
  public synchronized Set<String> storedStreams() {
    Set<String> streams = new HashSet<>();
    for (String key : logs.keySet()) {
      streams.add(key.substring(0, key.indexOf('/')));
    }
    return streams;
  }

  /** Whether the store holds data of the shard. */
  public synchronized boolean contains(StreamRef stream, String shardId) {
    return logs.containsKey(key(stream, shardId));
  }

  private static String key(StreamRef stream, String shardId) {
    return stream.directoryName() + "/" + shardId;
  }

  /** A handle that refuses use once closed, while the records stay for the next open. */
  private static final class Reopened implements ShardLog {
    private final InMemoryShardLog log;
    private volatile boolean closed;

    Reopened(InMemoryShardLog log) {
      this.log = log;
    }

    @Override
    public Appended append(AppendSource records, int count, long leaderEpoch) {
      checkOpen();
      return log.append(records, count, leaderEpoch);
    }

    @Override
    public ReadBatch read(long fromSequenceNumber, int maxRecords, int maxBytes, long endExclusive) {
      checkOpen();
      return log.read(fromSequenceNumber, maxRecords, maxBytes, endExclusive);
    }

    @Override
    public void appendCopies(java.util.List<ReplicaRecord> records) {
      checkOpen();
      log.appendCopies(records);
    }

    @Override
    public EpochEnd epochEnd(long epoch) {
      checkOpen();
      return log.epochEnd(epoch);
    }

    @Override
    public long latestEpoch() {
      return log.latestEpoch();
    }

    @Override
    public void truncateTo(long sequenceNumber) {
      checkOpen();
      log.truncateTo(sequenceNumber);
    }

    @Override
    public void resetTo(long sequenceNumber) {
      checkOpen();
      log.resetTo(sequenceNumber);
    }

    @Override
    public long firstSequenceNumber() {
      return log.firstSequenceNumber();
    }

    @Override
    public long nextSequenceNumber() {
      return log.nextSequenceNumber();
    }

    @Override
    public long lastArrivalMillis() {
      return log.lastArrivalMillis();
    }

    @Override
    public long sequenceNumberAt(long timestampMillis) {
      checkOpen();
      return log.sequenceNumberAt(timestampMillis);
    }

    @Override
    public int dropOlderThan(long cutoffMillis) {
      return closed ? 0 : log.dropOlderThan(cutoffMillis);
    }

    @Override
    public long bytesOnDisk() {
      return log.bytesOnDisk();
    }

    @Override
    public void close() {
      closed = true;
    }

    private void checkOpen() {
      if (closed) {
        throw new ShardLogClosedException(log.name());
      }
    }
  }
}

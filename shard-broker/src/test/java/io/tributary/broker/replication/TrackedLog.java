package io.tributary.broker.replication;

import io.tributary.broker.AppendSource;
import io.tributary.broker.Appended;
import io.tributary.broker.EpochEnd;
import io.tributary.broker.InMemoryShardLog;
import io.tributary.broker.ReadBatch;
import io.tributary.broker.ReplicaRecord;
import io.tributary.broker.ShardLog;
import java.util.List;

/**
 * A broker twin's "disk": an in-memory log that survives the broker's crashes and remembers the
 * lowest sequence number any change touched since the checker last looked, so that the invariants
 * re-check only what moved. Confined to the simulation's thread.
 */
final class TrackedLog implements ShardLog {
  private final InMemoryShardLog log;
  private long lowestChange = Long.MAX_VALUE;
  private int truncations;

  TrackedLog(InMemoryShardLog log) {
    this.log = log;
  }

  /** The lowest sequence number changed since the last call. */
  long takeLowestChange() {
    long lowest = lowestChange;
    lowestChange = Long.MAX_VALUE;
    return lowest;
  }

  /** How often a tail was truncated (records dropped) or the log started over. */
  int truncations() {
    return truncations;
  }

  private void changed(long from) {
    lowestChange = Math.min(lowestChange, from);
  }

  @Override
  public Appended append(AppendSource records, int count, long leaderEpoch) {
    changed(log.nextSequenceNumber());
    return log.append(records, count, leaderEpoch);
  }

  @Override
  public ReadBatch read(long fromSequenceNumber, int maxRecords, int maxBytes, long endExclusive) {
    return log.read(fromSequenceNumber, maxRecords, maxBytes, endExclusive);
  }

  @Override
  public void appendCopies(List<ReplicaRecord> records) {
    changed(log.nextSequenceNumber());
    log.appendCopies(records);
  }

  @Override
  public EpochEnd epochEnd(long epoch) {
    return log.epochEnd(epoch);
  }

  @Override
  public long latestEpoch() {
    return log.latestEpoch();
  }

  @Override
  public void truncateTo(long sequenceNumber) {
    changed(sequenceNumber);
    if (sequenceNumber < log.nextSequenceNumber()) {
      truncations++;
    }
    log.truncateTo(sequenceNumber);
  }

  @Override
  public void resetTo(long sequenceNumber) {
    changed(Math.min(sequenceNumber, log.firstSequenceNumber()));
    truncations++;
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
    return log.sequenceNumberAt(timestampMillis);
  }

  @Override
  public int dropOlderThan(long cutoffMillis) {
    changed(log.firstSequenceNumber());
    return log.dropOlderThan(cutoffMillis);
  }

  @Override
  public long bytesOnDisk() {
    return log.bytesOnDisk();
  }

  @Override
  public void close() {
    log.close();
  }
}

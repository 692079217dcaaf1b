package io.tributary.broker;

/**
 * The ordered, durable records of one shard replica. Sequence numbers start at 0 and grow by one
 * per record, without gaps; arrival times never decrease. Records older than the retention are
 * dropped from the front, which moves the trim horizon ({@link #firstSequenceNumber()}).
 *
 * <p>Implementations are thread-safe: appends are serialized inside the log, reads run
 * concurrently with appends and with each other.
 */
public interface ShardLog extends AutoCloseable {
  /**
   * Appends records {@code [0, count)} of {@code records} with consecutive sequence numbers and one
   * arrival time, {@code max(clock, previous arrival)}.
   *
   * @throws ShardLogClosedException if the log is closed
   */
  Appended append(AppendSource records, int count, long leaderEpoch);

  /**
   * Reads up to {@code maxRecords} records from {@code fromSequenceNumber} (raised to the trim
   * horizon if it is below it), stopping before the framed size would pass {@code maxBytes}. The
   * first record is returned even if it alone is larger, so that a reader always progresses.
   *
   * @throws IllegalArgumentException if {@code fromSequenceNumber} is past {@link
   *     #nextSequenceNumber()}
   * @throws ShardLogClosedException if the log is closed
   */
  default ReadBatch read(long fromSequenceNumber, int maxRecords, int maxBytes) {
    return read(fromSequenceNumber, maxRecords, maxBytes, Long.MAX_VALUE);
  }

  /**
   * As {@link #read(long, int, int)}, but never past {@code endExclusive} (a leader serves readers
   * only up to its committed point); {@code endExclusive} above the log's end means the log's end.
   */
  ReadBatch read(long fromSequenceNumber, int maxRecords, int maxBytes, long endExclusive);

  /**
   * Appends records copied from the leader, unchanged: the first must carry {@link
   * #nextSequenceNumber()} (or the log must be empty after {@link #resetTo}) and the rest follow
   * without gaps; their arrival times and epochs are kept as given.
   *
   * @throws IllegalArgumentException if the sequence numbers do not continue the log
   * @throws ShardLogClosedException if the log is closed
   */
  void appendCopies(java.util.List<ReplicaRecord> records);

  /** Where {@code epoch} (or the largest epoch below it the log holds) ends; see {@link EpochEnd}. */
  EpochEnd epochEnd(long epoch);

  /** The leader epoch of the newest record, or -1 if the log holds none. */
  long latestEpoch();

  /**
   * Drops the records from {@code sequenceNumber} to the end (an uncommitted tail a new leader does
   * not have), durably: after a crash the log opens either before or after the truncation, never
   * in between. A no-op at or past the end.
   *
   * @throws IllegalArgumentException if {@code sequenceNumber} is below {@link #firstSequenceNumber()}
   */
  void truncateTo(long sequenceNumber);

  /**
   * Drops every record and makes {@code sequenceNumber} the next one (a follower that fell behind
   * the leader's trim horizon starts over there).
   */
  void resetTo(long sequenceNumber);

  /** The oldest readable sequence number (the trim horizon); equals the next one when empty. */
  long firstSequenceNumber();

  /** The sequence number the next appended record gets. */
  long nextSequenceNumber();

  /** Arrival time of the newest record, or -1 if the log never held one. */
  long lastArrivalMillis();

  /**
   * The first sequence number whose arrival time is at or after {@code timestampMillis}, or {@link
   * #nextSequenceNumber()} if every record is older.
   */
  long sequenceNumberAt(long timestampMillis);

  /**
   * Drops the oldest records whose arrival is before {@code cutoffMillis}, in whole storage units;
   * the newest unit always stays because it anchors the numbering.
   *
   * @return how many storage units (roll cycles) were dropped
   */
  int dropOlderThan(long cutoffMillis);

  /** Bytes the log occupies in storage. */
  long bytesOnDisk();

  /** Releases the log; the stored records stay. Idempotent. */
  @Override
  void close();
}

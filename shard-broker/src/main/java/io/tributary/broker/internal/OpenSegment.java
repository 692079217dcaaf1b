package io.tributary.broker.internal;

/**
 * A live segment of a shard log: its list entry and its open queue. Immutable (the queue is
 * thread-safe); the records of the newest segment keep growing.
 */
record OpenSegment(SegmentEntry entry, ChronicleShardLog log) {
  long epoch() {
    return entry.epoch();
  }

  /** The first readable record (above the base once retention dropped cycles of it). */
  long first() {
    return log.firstSequenceNumber();
  }

  long end() {
    return log.nextSequenceNumber();
  }

  boolean isEmpty() {
    return log.nextSequenceNumber() == log.firstSequenceNumber();
  }
}

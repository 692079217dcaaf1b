package io.tributary.coordinator;

/** The sequence numbers a shard's leader can serve now, [first, next), or unknown. Immutable. */
record SequenceRange(long first, long next, boolean known) {
  static final SequenceRange UNKNOWN = new SequenceRange(0, 0, false);

  static SequenceRange of(long first, long next) {
    return new SequenceRange(first, next, true);
  }
}

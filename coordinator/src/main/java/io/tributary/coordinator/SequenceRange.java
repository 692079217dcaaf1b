package io.tributary.coordinator;

/**
 * The sequence numbers a shard's leader can serve now, [first, next), or unknown; {@code sealed}
 * once the shard is closed on its leader, so that {@code next} is final. Immutable.
 */
record SequenceRange(long first, long next, boolean sealed, boolean known) {
  static final SequenceRange UNKNOWN = new SequenceRange(0, 0, false, false);

  static SequenceRange of(long first, long next, boolean sealed) {
    return new SequenceRange(first, next, sealed, true);
  }
}

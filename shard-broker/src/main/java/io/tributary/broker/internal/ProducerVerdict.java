package io.tributary.broker.internal;

/**
 * What a shard does with a batch of an idempotent producer. Immutable.
 *
 * @param kind append the batch (after skipping {@code alreadyWritten} records), answer it as a
 *     duplicate, or refuse it for a gap
 * @param alreadyWritten how many leading records of the batch the shard already holds
 * @param firstSequenceNumber the sequence number the first already-written record got, or -1 when
 *     it is no longer remembered (only meaningful when {@code alreadyWritten > 0})
 * @param arrivalMillis arrival time of the already-written records, or 0 when unknown
 * @param expected for a gap, the producer sequence the shard expected next
 */
record ProducerVerdict(Kind kind, int alreadyWritten, long firstSequenceNumber, long arrivalMillis, long expected) {
  enum Kind { APPEND, DUPLICATE, GAP }

  static final ProducerVerdict FRESH = new ProducerVerdict(Kind.APPEND, 0, -1, 0, 0);

  static ProducerVerdict gap(long expected) {
    return new ProducerVerdict(Kind.GAP, 0, -1, 0, expected);
  }

  static ProducerVerdict written(Kind kind, int alreadyWritten, long first, ProducerBatch known) {
    if (known == null) {
      return new ProducerVerdict(kind, alreadyWritten, -1, 0, 0);
    }
    return new ProducerVerdict(kind, alreadyWritten, known.sequenceNumberOf(first), known.arrivalMillis(), 0);
  }
}

package io.tributary.broker.internal;

/**
 * One batch of an idempotent producer as it landed in a shard: producer sequences {@code
 * [firstProducerSequence, firstProducerSequence + count)} got sequence numbers from {@code
 * firstSequenceNumber} on, all at {@code arrivalMillis}. Immutable.
 */
record ProducerBatch(long firstProducerSequence, int count, long firstSequenceNumber, long arrivalMillis) {
  long lastProducerSequence() {
    return firstProducerSequence + count - 1;
  }

  /** Whether producer sequences {@code [first, first + n)} all lie in this batch. */
  boolean covers(long first, int n) {
    return first >= firstProducerSequence && first + n - 1 <= lastProducerSequence();
  }

  /** The sequence number the record with producer sequence {@code producerSequence} got. */
  long sequenceNumberOf(long producerSequence) {
    return firstSequenceNumber + (producerSequence - firstProducerSequence);
  }
}

package io.tributary.worker.exchange;

/**
 * The batches one output edge of a producing subtask holds for its consumers: one
 * {@link Subpartition} per consuming subtask. Thread-safe.
 */
final class ResultPartition {
  private final PartitionKey key;
  private final Subpartition[] subpartitions;

  ResultPartition(PartitionKey key, int numSubpartitions, int queueCapacity) {
    if (numSubpartitions < 1) {
      throw new IllegalArgumentException("a result partition needs at least one consumer channel, got " + numSubpartitions);
    }
    this.key = key;
    this.subpartitions = new Subpartition[numSubpartitions];
    for (int i = 0; i < numSubpartitions; i++) {
      subpartitions[i] = new Subpartition(key, i, queueCapacity);
    }
  }

  PartitionKey key() {
    return key;
  }

  int numSubpartitions() {
    return subpartitions.length;
  }

  /** @throws ExchangeException when no consuming subtask {@code index} exists */
  Subpartition subpartition(int index) {
    if (index < 0 || index >= subpartitions.length) {
      throw new ExchangeException("consumer subtask " + index + " does not read " + key + ", which has "
          + subpartitions.length + " channels; the consumer's deployment does not match the producer's");
    }
    return subpartitions[index];
  }

  void release(ExchangeException reason) {
    for (Subpartition subpartition : subpartitions) {
      subpartition.release(reason);
    }
  }
}

package io.tributary.broker.internal;

/**
 * What a shard knows of one idempotent producer: its last written producer sequence and its last
 * few batches. Confined to the shard's append lock (through {@link ProducerStates}).
 *
 * <p>A few batches, as Kafka keeps five: enough to answer a retry with the sequence numbers the
 * first attempt got, without keeping every batch.
 */
final class ProducerState {
  static final int REMEMBERED_BATCHES = 5;

  private final ProducerBatch[] recent = new ProducerBatch[REMEMBERED_BATCHES];
  private int newest = -1;
  private long lastSequence;
  private long lastSeenMillis;

  long lastSequence() {
    return lastSequence;
  }

  long lastSeenMillis() {
    return lastSeenMillis;
  }

  void record(ProducerBatch batch, long nowMillis) {
    newest = (newest + 1) % REMEMBERED_BATCHES;
    recent[newest] = batch;
    lastSequence = batch.lastProducerSequence();
    lastSeenMillis = nowMillis;
  }

  /** The remembered batch holding all of producer sequences {@code [first, first + n)}, or null. */
  ProducerBatch covering(long first, int n) {
    for (ProducerBatch batch : recent) {
      if (batch != null && batch.covers(first, n)) {
        return batch;
      }
    }
    return null;
  }
}

package io.tributary.client;

import io.tributary.proto.v1.Acks;
import java.time.Duration;

/**
 * How a {@link Producer} batches and retries. Immutable.
 *
 * @param linger how long a batch may wait for more records before it is sent
 * @param maxBatchRecords records per request, at most 500
 * @param maxBatchBytes bytes per request, at most 5 MiB
 * @param maxBufferedRecords records accepted but not yet acknowledged before send() blocks
 * @param deliveryTimeout how long a record may be retried before its future fails
 * @param retryBackoff first back-off between retries; it doubles up to one second
 */
public record ProducerOptions(
    Acks acks,
    Duration linger,
    int maxBatchRecords,
    int maxBatchBytes,
    int maxBufferedRecords,
    Duration deliveryTimeout,
    Duration retryBackoff) {

  public static ProducerOptions defaults() {
    return new ProducerOptions(
        Acks.ACKS_ALL, Duration.ofMillis(5), 500, 5 * 1024 * 1024, 100_000, Duration.ofMinutes(2), Duration.ofMillis(50));
  }

  public ProducerOptions withAcks(Acks newAcks) {
    return new ProducerOptions(newAcks, linger, maxBatchRecords, maxBatchBytes, maxBufferedRecords, deliveryTimeout, retryBackoff);
  }

  public ProducerOptions withLinger(Duration newLinger) {
    return new ProducerOptions(acks, newLinger, maxBatchRecords, maxBatchBytes, maxBufferedRecords, deliveryTimeout, retryBackoff);
  }
}

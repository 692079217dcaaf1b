package io.tributary.client;

import io.tributary.common.stream.Limits;
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
 * @param idempotent whether the producer numbers its records per shard under a random producer
 *     id, so that brokers write a retried record once (default true)
 */
public record ProducerOptions(
    Acks acks,
    Duration linger,
    int maxBatchRecords,
    int maxBatchBytes,
    int maxBufferedRecords,
    Duration deliveryTimeout,
    Duration retryBackoff,
    boolean idempotent) {

  /** Options of an idempotent producer. */
  public ProducerOptions(Acks acks, Duration linger, int maxBatchRecords, int maxBatchBytes, int maxBufferedRecords,
      Duration deliveryTimeout, Duration retryBackoff) {
    this(acks, linger, maxBatchRecords, maxBatchBytes, maxBufferedRecords, deliveryTimeout, retryBackoff, true);
  }

  public ProducerOptions {
    if (acks == null) {
      throw new IllegalArgumentException("acks must be ACKS_ALL or ACKS_LEADER");
    }
    if (linger == null || linger.isNegative()) {
      throw new IllegalArgumentException("linger must be zero or positive, got " + linger);
    }
    if (maxBatchRecords < 1 || maxBatchRecords > Limits.MAX_BATCH_RECORDS) {
      throw new IllegalArgumentException(
          "maxBatchRecords must be 1.." + Limits.MAX_BATCH_RECORDS + ", got " + maxBatchRecords);
    }
    if (maxBatchBytes < 1 || maxBatchBytes > Limits.MAX_BATCH_BYTES) {
      throw new IllegalArgumentException(
          "maxBatchBytes must be 1.." + Limits.MAX_BATCH_BYTES + ", got " + maxBatchBytes);
    }
    if (maxBufferedRecords < 1) {
      throw new IllegalArgumentException("maxBufferedRecords must be at least 1, got " + maxBufferedRecords);
    }
    if (deliveryTimeout == null || deliveryTimeout.isNegative() || deliveryTimeout.isZero()) {
      throw new IllegalArgumentException("deliveryTimeout must be positive, got " + deliveryTimeout);
    }
    if (retryBackoff == null || retryBackoff.isNegative() || retryBackoff.isZero()) {
      throw new IllegalArgumentException("retryBackoff must be positive, got " + retryBackoff);
    }
  }

  public static ProducerOptions defaults() {
    return new ProducerOptions(
        Acks.ACKS_ALL, Duration.ofMillis(5), 500, 5 * 1024 * 1024, 100_000, Duration.ofMinutes(2), Duration.ofMillis(50));
  }

  public ProducerOptions withAcks(Acks newAcks) {
    return new ProducerOptions(newAcks, linger, maxBatchRecords, maxBatchBytes, maxBufferedRecords, deliveryTimeout, retryBackoff, idempotent);
  }

  public ProducerOptions withLinger(Duration newLinger) {
    return new ProducerOptions(acks, newLinger, maxBatchRecords, maxBatchBytes, maxBufferedRecords, deliveryTimeout, retryBackoff, idempotent);
  }

  public ProducerOptions withMaxBatch(int records, int bytes) {
    return new ProducerOptions(acks, linger, records, bytes, maxBufferedRecords, deliveryTimeout, retryBackoff, idempotent);
  }

  public ProducerOptions withMaxBufferedRecords(int records) {
    return new ProducerOptions(acks, linger, maxBatchRecords, maxBatchBytes, records, deliveryTimeout, retryBackoff, idempotent);
  }

  public ProducerOptions withDeliveryTimeout(Duration timeout) {
    return new ProducerOptions(acks, linger, maxBatchRecords, maxBatchBytes, maxBufferedRecords, timeout, retryBackoff, idempotent);
  }

  public ProducerOptions withRetryBackoff(Duration backoff) {
    return new ProducerOptions(acks, linger, maxBatchRecords, maxBatchBytes, maxBufferedRecords, deliveryTimeout, backoff, idempotent);
  }

  /**
   * Turns idempotence off or on. Without it a retry after a lost answer may write a record twice;
   * with it each record costs the broker a sequence check and carries 16 more bytes in the log.
   */
  public ProducerOptions withIdempotent(boolean on) {
    return new ProducerOptions(acks, linger, maxBatchRecords, maxBatchBytes, maxBufferedRecords, deliveryTimeout, retryBackoff, on);
  }
}

package io.tributary.delivery.destination;

/**
 * Where a delivery stream's batches go. {@link #deliver} is idempotent per batch key: delivering a
 * batch again (after a retry or a recovery) leaves the destination as if it was delivered once
 * (files and S3: the same key overwritten with the same bytes; JDBC: the batch id is recorded in the
 * same transaction; HTTP: the same request id is sent, so the endpoint can tell). Implementations
 * say their threading rule; the delivery job calls one instance from one thread.
 */
public interface Destination extends AutoCloseable {
  /** Delivers {@code batch}; throws with a message naming the destination and the cause. */
  void deliver(DeliveryBatch batch) throws Exception;

  /** A short description for logs and errors, e.g. {@code s3://bucket/prefix/}. */
  String describe();

  @Override
  default void close() throws Exception {}
}

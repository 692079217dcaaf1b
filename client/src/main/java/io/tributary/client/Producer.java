package io.tributary.client;

import java.util.concurrent.CompletableFuture;

/**
 * Batches records by size and linger time, routes them by a cached shard map (refreshed when a
 * broker says it does not own a shard), and retries retryable errors with back-off. Records of one
 * shard are written in the order they were sent. Thread-safe.
 */
public interface Producer extends AutoCloseable {
  /** Queues a record; the future completes when it is acknowledged or finally fails. */
  CompletableFuture<PutResult> send(String partitionKey, byte[] data);

  /** Queues a record with an explicit hash key (decimal), or null for the partition key's MD5. */
  CompletableFuture<PutResult> send(PutRecord record);

  /** Sends everything queued and waits until each record is acknowledged or failed. */
  void flush();

  /** Flushes, then releases the producer's threads. */
  @Override
  void close();
}

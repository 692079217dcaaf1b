package io.tributary.client;

import java.util.concurrent.CompletableFuture;

/**
 * Batches records by size and linger time, routes them by a cached shard map (refreshed when a
 * broker says it does not own a shard), and retries retryable errors with back-off. Records of one
 * shard are written in the order they were sent, with at most one request per shard in flight.
 * Thread-safe.
 *
 * <p>A record's future completes with its shard and sequence number once a broker acknowledged it.
 * It fails with a {@link io.tributary.common.error.TributaryException} when the record is invalid,
 * when a broker refuses it for a reason retrying cannot fix, when it is still unacknowledged after
 * {@link ProducerOptions#deliveryTimeout()} (the last error is reported), or when the producer
 * buffer stays full for that long. Callbacks on the futures run on client threads and should not
 * block.
 *
 * <p>An idempotent producer ({@link ProducerOptions#idempotent()}, the default) sends a random
 * producer id and numbers its records per shard, so that a broker writes a record whose answer was
 * lost only once however often it is retried. A retried record the broker no longer remembers the
 * sequence number of completes successfully with sequence number -1: written, number unknown. A
 * record re-routed to another shard by a reshard after an attempt whose answer was lost may still
 * be written in both shards; so may records of other shards when the producer, after giving up a
 * record whose outcome it does not know, starts numbering anew under another id.
 */
public interface Producer extends AutoCloseable {
  /**
   * Queues a record; the future completes when it is acknowledged or finally fails. Blocks while
   * {@link ProducerOptions#maxBufferedRecords()} records await acknowledgement.
   */
  CompletableFuture<PutResult> send(String partitionKey, byte[] data);

  /** Queues a record with an explicit hash key (decimal), or null for the partition key's MD5. */
  CompletableFuture<PutResult> send(PutRecord record);

  /** Sends everything queued and waits until each record is acknowledged or failed. */
  void flush();

  /** Flushes, then releases the producer's threads; records sent afterwards fail. */
  @Override
  void close();
}

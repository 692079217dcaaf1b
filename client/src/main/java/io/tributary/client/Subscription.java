package io.tributary.client;

import java.util.concurrent.CompletableFuture;

/** A push subscription to one shard; records reach the handler given at subscribe time. Thread-safe. */
public interface Subscription extends AutoCloseable {
  /** Sequence number to resume after, or -1 if nothing was delivered. */
  long continuationSequenceNumber();

  /** How far behind the shard's newest record the last event was, in milliseconds. */
  long millisBehindLatest();

  /**
   * Completes when the subscription ends: normally once a closed shard is delivered to its end or
   * the subscription is closed; exceptionally with the error that ended it (a non-retryable error,
   * retries that ran out, or an exception thrown by the handler).
   */
  CompletableFuture<Void> completion();

  @Override
  void close();
}

package io.tributary.client;

/** A push subscription to one shard; records reach the handler given at subscribe time. Thread-safe. */
public interface Subscription extends AutoCloseable {
  /** Sequence number to resume after, or -1 if nothing was delivered. */
  long continuationSequenceNumber();

  @Override
  void close();
}

package io.tributary.client;

import java.util.List;

/**
 * Reads every shard of a stream, each parent to its end before its children. Confined to one thread.
 */
public interface StreamReader extends AutoCloseable {
  /** The next records from any shard (possibly none), at most {@code limit}. */
  List<ReceivedRecord> poll(int limit);

  /** Total millis-behind-latest of the last poll of each shard (the largest one). */
  long millisBehindLatest();

  @Override
  void close();
}

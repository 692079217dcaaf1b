package io.tributary.client;

/**
 * Reads one shard from a starting position through get-records, renewing its iterator as it goes.
 * Confined to one thread.
 */
public interface ShardReader extends AutoCloseable {
  /** The next records (possibly none), at most {@code limit}. */
  GetRecordsResult poll(int limit);

  /** True once the shard is closed and read to its end. */
  boolean finished();

  @Override
  void close();
}

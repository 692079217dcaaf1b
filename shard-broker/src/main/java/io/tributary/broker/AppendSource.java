package io.tributary.broker;

import com.google.protobuf.ByteString;

/**
 * Records to append, read by position so that a caller hands over the request it parsed instead of
 * copying every record into a new object. Implementations are views; the log reads them only during
 * {@link ShardLog#append}.
 */
public interface AppendSource {
  int size();

  /** The partition key, UTF-8 encoded. */
  ByteString partitionKey(int index);

  ByteString data(int index);

  /** The idempotent producer the records come from, or 0 when they come from none. */
  default long producerId() {
    return 0;
  }

  /** The producer sequence of record 0 (record i has this plus i), or 0 when not idempotent. */
  default long firstProducerSequence() {
    return 0;
  }
}

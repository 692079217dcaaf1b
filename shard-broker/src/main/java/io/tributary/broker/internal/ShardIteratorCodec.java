package io.tributary.broker.internal;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.Limits;
import io.tributary.common.stream.ShardIterator;
import io.tributary.common.stream.ShardIterators;
import java.time.Clock;

/**
 * Issues shard iterators and takes them back, rejecting corrupt, made-up and expired ones; the text
 * layout is {@link ShardIterators}'. Thread-safe. Age is measured on the broker's clock, the one
 * that stamped the iterator.
 */
final class ShardIteratorCodec {
  private final Clock clock;

  ShardIteratorCodec(Clock clock) {
    this.clock = clock;
  }

  String encode(ShardIterator iterator) {
    return ShardIterators.encode(iterator);
  }

  /**
   * Decodes an iterator issued less than {@link Limits#ITERATOR_TTL_MILLIS} ago.
   *
   * @throws TributaryException INVALID_ARGUMENT if it is malformed, EXPIRED_ITERATOR if too old
   */
  ShardIterator decode(String text) {
    ShardIterator iterator = ShardIterators.parse(text);
    long age = clock.millis() - iterator.issuedMillis();
    if (age > Limits.ITERATOR_TTL_MILLIS) {
      throw new TributaryException(
          ErrorCode.EXPIRED_ITERATOR,
          "shard iterator for shard " + iterator.shardId() + " of stream '" + iterator.stream() + "' expired: it was "
              + "issued " + age / 1000 + "s ago and is valid for " + Limits.ITERATOR_TTL_MILLIS / 60_000
              + " minutes; get a new one with GetShardIterator (e.g. AFTER_SEQUENCE_NUMBER of the last "
              + "record you processed)");
    }
    return iterator;
  }
}

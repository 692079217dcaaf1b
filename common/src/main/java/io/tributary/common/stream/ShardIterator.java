package io.tributary.common.stream;

/**
 * Where a reader stands in a shard, as carried by an opaque shard iterator string. Immutable.
 *
 * @param streamUid the incarnation the iterator was issued for, so a recreated stream rejects it
 * @param issuedMillis when the broker issued it, by the broker's clock
 */
public record ShardIterator(String stream, String streamUid, String shardId, long sequenceNumber, long issuedMillis) {}

package io.tributary.broker.internal;

import io.tributary.broker.Appended;

/**
 * The outcome of one idempotent batch on a shard: the verdict on its producer sequence, how many
 * of the records not yet written the quota admitted, where they landed (null if none did), and the
 * log's end after it (an acks=all answer waits until that is committed, which covers a duplicate's
 * earlier records too). Immutable.
 */
record IdempotentPut(ProducerVerdict verdict, int admitted, Appended appended, long logEnd) {}

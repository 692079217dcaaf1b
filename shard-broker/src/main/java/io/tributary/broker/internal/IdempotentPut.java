package io.tributary.broker.internal;

import io.tributary.broker.Appended;

/**
 * The outcome of one idempotent batch on a shard: the verdict on its producer sequence, how many
 * of the records not yet written the quota admitted, and where they landed (null if none did).
 * Immutable.
 */
record IdempotentPut(ProducerVerdict verdict, int admitted, Appended appended) {}

package io.tributary.broker;

/**
 * Where a leader epoch ends in a log: {@code epoch} is the largest epoch at or below the one asked
 * about that the log holds records of (-1 if none), and {@code endSequenceNumber} the sequence
 * number after its last record (the log's first sequence number when {@code epoch} is -1).
 * Followers compare these with their leader's to find where their logs diverge. Immutable.
 */
public record EpochEnd(long epoch, long endSequenceNumber) {}

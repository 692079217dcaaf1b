package io.tributary.broker;

/**
 * The outcome of one append: {@code count} records got the sequence numbers {@code
 * firstSequenceNumber} onwards and share one arrival time. Immutable.
 */
public record Appended(long firstSequenceNumber, int count, long arrivalMillis) {}

package io.tributary.broker.internal;

/**
 * One segment of a shard log as the segment list names it: the directory of its queue (relative to
 * the shard's directory), the leader epoch of all its records, and the sequence number its first
 * record gets when it is empty. Immutable.
 */
record SegmentEntry(String directory, long epoch, long baseSequence) {}

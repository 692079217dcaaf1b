package io.tributary.broker;

import com.google.protobuf.ByteString;

/**
 * One record copied from a shard's leader to a follower: its stored bytes (a serialized {@code
 * Record}, appended unchanged so that replicas hold identical logs) and the fields a log needs
 * without parsing them again. Immutable.
 */
public record ReplicaRecord(long sequenceNumber, long arrivalMillis, long leaderEpoch, ByteString stored) {}

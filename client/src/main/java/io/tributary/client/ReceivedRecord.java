package io.tributary.client;

/** A record read from a shard. Immutable (the data array is the reader's own copy). */
public record ReceivedRecord(
    String shardId, long sequenceNumber, long arrivalMillis, String partitionKey, byte[] data) {}

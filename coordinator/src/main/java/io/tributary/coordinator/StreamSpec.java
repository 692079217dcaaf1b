package io.tributary.coordinator;

/**
 * A validated request to create a stream; min and max shards are 0 in provisioned mode, a replication
 * factor of 0 asks for the default. Immutable.
 */
record StreamSpec(String name, int shardCount, int retentionHours, int replicationFactor, String mode,
    int minShards, int maxShards) {}

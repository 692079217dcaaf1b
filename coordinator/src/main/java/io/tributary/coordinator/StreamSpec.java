package io.tributary.coordinator;

/** A validated request to create a stream. Immutable. */
record StreamSpec(String name, int shardCount, int retentionHours, int replicationFactor, String mode) {}

package io.tributary.client.app;

/**
 * How much state one consumer application keeps in ZooKeeper, counted. Immutable.
 *
 * @param members live instances
 * @param leases shards whose lease an instance holds
 * @param checkpoints shards with a checkpoint
 */
public record ApplicationSummary(String application, int members, int leases, int checkpoints) {}

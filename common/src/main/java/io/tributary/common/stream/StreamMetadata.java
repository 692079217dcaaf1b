package io.tributary.common.stream;

/**
 * A stream's configuration as stored in its ZooKeeper node. Immutable; changed by writing a new
 * value with compare-and-set on the node version. {@code minShards}/{@code maxShards} bound the
 * on-demand scaler (0 in provisioned mode); {@code nextShardIndex} numbers the next new shard.
 */
public record StreamMetadata(
    String name,
    String uid,
    String status,
    String mode,
    int retentionHours,
    int replicationFactor,
    long createdMillis,
    int nextShardIndex,
    int minShards,
    int maxShards) {

  public static final String ACTIVE = "ACTIVE";
  public static final String DELETING = "DELETING";
  public static final String UPDATING = "UPDATING";

  public StreamMetadata withStatus(String newStatus) {
    return new StreamMetadata(name, uid, newStatus, mode, retentionHours, replicationFactor, createdMillis, nextShardIndex, minShards, maxShards);
  }

  public StreamMetadata withNextShardIndex(int next) {
    return new StreamMetadata(name, uid, status, mode, retentionHours, replicationFactor, createdMillis, next, minShards, maxShards);
  }

  public boolean onDemand() {
    return "ON_DEMAND".equals(mode);
  }

  public StreamMetadata withRetentionHours(int hours) {
    return new StreamMetadata(name, uid, status, mode, hours, replicationFactor, createdMillis, nextShardIndex, minShards, maxShards);
  }
}

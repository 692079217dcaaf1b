package io.tributary.common.stream;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A stream's configuration as stored in its ZooKeeper node. Immutable; changed by writing a new
 * value with compare-and-set on the node version. {@code minShards}/{@code maxShards} bound the
 * on-demand scaler (0 in provisioned mode); {@code nextShardIndex} numbers the next new shard;
 * {@code tags} are the user's labels, sorted by key (nodes written before tags existed read as none).
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
    int maxShards,
    SortedMap<String, String> tags) {

  public static final String ACTIVE = "ACTIVE";
  public static final String DELETING = "DELETING";
  public static final String UPDATING = "UPDATING";

  public StreamMetadata {
    tags = tags == null || tags.isEmpty() ? Collections.emptySortedMap()
        : Collections.unmodifiableSortedMap(new TreeMap<>(tags));
  }

  /** A stream without tags. */
  public StreamMetadata(String name, String uid, String status, String mode, int retentionHours,
      int replicationFactor, long createdMillis, int nextShardIndex, int minShards, int maxShards) {
    this(name, uid, status, mode, retentionHours, replicationFactor, createdMillis, nextShardIndex, minShards,
        maxShards, null);
  }

  public StreamMetadata withStatus(String newStatus) {
    return new StreamMetadata(name, uid, newStatus, mode, retentionHours, replicationFactor, createdMillis,
        nextShardIndex, minShards, maxShards, tags);
  }

  public StreamMetadata withNextShardIndex(int next) {
    return new StreamMetadata(name, uid, status, mode, retentionHours, replicationFactor, createdMillis, next,
        minShards, maxShards, tags);
  }

  public boolean onDemand() {
    return "ON_DEMAND".equals(mode);
  }

  public StreamMetadata withRetentionHours(int hours) {
    return new StreamMetadata(name, uid, status, mode, hours, replicationFactor, createdMillis, nextShardIndex,
        minShards, maxShards, tags);
  }

  public StreamMetadata withTags(Map<String, String> newTags) {
    return new StreamMetadata(name, uid, status, mode, retentionHours, replicationFactor, createdMillis,
        nextShardIndex, minShards, maxShards, newTags == null ? null : new TreeMap<>(newTags));
  }
}

package io.tributary.coordinator;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.Limits;
import io.tributary.common.stream.StreamNames;

/**
 * Validates stream requests against the API limits and this coordinator's configuration, before any
 * ZooKeeper access. Immutable.
 *
 * <p>Checking first, on the request thread, keeps bad requests off the event loop and gives the same
 * answer from a leader and a standby.
 */
final class StreamRules {
  static final String PROVISIONED = "PROVISIONED";
  static final String ON_DEMAND = "ON_DEMAND";

  private final int maxShardsPerStream;
  private final int defaultRetentionHours;

  StreamRules(int maxShardsPerStream, int defaultRetentionHours) {
    this.maxShardsPerStream = maxShardsPerStream;
    this.defaultRetentionHours = defaultRetentionHours;
  }

  static String name(String name) {
    return StreamNames.validate(name);
  }

  StreamSpec create(String name, int shardCount, int retentionHours, int replicationFactor, String mode) {
    name(name);
    if (shardCount < 1) {
      throw Errors.invalid("shard count " + shardCount + " is invalid: a stream needs at least 1 shard");
    }
    if (shardCount > maxShardsPerStream) {
      throw new TributaryException(ErrorCode.LIMIT_EXCEEDED,
          "shard count " + shardCount + " exceeds the limit of " + maxShardsPerStream
              + " shards per stream; use fewer shards or raise " + CoordinatorConfig.MAX_SHARDS_PER_STREAM.name());
    }
    int retention = retention(retentionHours);
    if (replicationFactor < 0) {
      throw Errors.invalid("replication factor " + replicationFactor + " is invalid: use 1");
    }
    if (replicationFactor > 1) {
      throw Errors.invalid("replication factor " + replicationFactor
          + " is not available yet: replication above 1 comes in a later release; use 1");
    }
    if (ON_DEMAND.equals(mode)) {
      throw Errors.invalid("on-demand mode is not available yet: it comes with on-demand scaling; "
          + "create the stream in provisioned mode with a shard count");
    }
    if (!PROVISIONED.equals(mode)) {
      throw Errors.invalid("stream mode '" + mode + "' is unknown: use provisioned");
    }
    return new StreamSpec(name, shardCount, retention, 1, PROVISIONED);
  }

  /** Retention in hours; 0 means the configured default. */
  int retention(int hours) {
    if (hours == 0) {
      return defaultRetentionHours;
    }
    if (hours < Limits.MIN_RETENTION_HOURS || hours > Limits.MAX_RETENTION_HOURS) {
      throw Errors.invalid("retention " + hours + " hours is out of bounds: use "
          + Limits.MIN_RETENTION_HOURS + " to " + Limits.MAX_RETENTION_HOURS + " hours");
    }
    return hours;
  }
}

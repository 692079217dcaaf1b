package io.tributary.coordinator;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.HashKey;
import io.tributary.common.stream.Limits;
import io.tributary.common.stream.ShardIds;
import io.tributary.common.stream.StreamNames;
import java.util.Optional;
import java.util.regex.Pattern;

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

  /** Shards of an on-demand stream created without a count, as Kinesis starts one. */
  static final int ON_DEMAND_INITIAL_SHARDS = 4;
  /** The replication factor of a stream created without one, when that many brokers take replicas. */
  static final int DEFAULT_REPLICATION = 3;
  private static final Pattern CONSUMER_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");

  private final int maxShardsPerStream;
  private final int defaultRetentionHours;
  private final OnDemandSettings onDemand;

  StreamRules(int maxShardsPerStream, int defaultRetentionHours, OnDemandSettings onDemand) {
    this.maxShardsPerStream = maxShardsPerStream;
    this.defaultRetentionHours = defaultRetentionHours;
    this.onDemand = onDemand;
  }

  static String name(String name) {
    return StreamNames.validate(name);
  }

  StreamSpec create(String name, int shardCount, int retentionHours, int replicationFactor, String mode,
      int minShards, int maxShards) {
    name(name);
    if (ON_DEMAND.equals(mode) && shardCount == 0) {
      shardCount = ON_DEMAND_INITIAL_SHARDS;
    }
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
      throw Errors.invalid("replication factor " + replicationFactor
          + " is invalid: use 1 or more, or leave it out for the default (up to " + DEFAULT_REPLICATION + ")");
    }
    if (ON_DEMAND.equals(mode)) {
      return onDemand(name, shardCount, retention, replicationFactor, minShards, maxShards);
    }
    if (!PROVISIONED.equals(mode)) {
      throw Errors.invalid("stream mode '" + mode + "' is unknown: use provisioned or on-demand");
    }
    if (minShards != 0 || maxShards != 0) {
      throw Errors.invalid("min and max shards apply to on-demand streams only; leave them out, or create the"
          + " stream in on-demand mode");
    }
    return new StreamSpec(name, shardCount, retention, replicationFactor, PROVISIONED, 0, 0);
  }

  private StreamSpec onDemand(
      String name, int shardCount, int retention, int replicationFactor, int minShards, int maxShards) {
    int min = minShards == 0 ? onDemand.minShards() : minShards;
    int max = maxShards == 0 ? onDemand.maxShards() : maxShards;
    if (min < 1 || min > shardCount || shardCount > max) {
      throw Errors.invalid("on-demand bounds are invalid: they must satisfy 1 <= min shards (" + min
          + ") <= shard count (" + shardCount + ") <= max shards (" + max + "); give other bounds or another"
          + " shard count");
    }
    if (max > maxShardsPerStream) {
      throw new TributaryException(ErrorCode.LIMIT_EXCEEDED, "max shards " + max + " exceeds the limit of "
          + maxShardsPerStream + " shards per stream; use fewer or raise " + CoordinatorConfig.MAX_SHARDS_PER_STREAM.name());
    }
    return new StreamSpec(name, shardCount, retention, replicationFactor, ON_DEMAND, min, max);
  }

  /**
   * The replication factor a stream gets with {@code eligibleBrokers} live brokers that are not
   * drained: {@code requested}, or for 0 the default of up to {@value #DEFAULT_REPLICATION}.
   */
  static int replicationFactor(int requested, int eligibleBrokers) {
    if (eligibleBrokers < 1) {
      throw Errors.unavailable("no live brokers that take replicas; start one with 'trib broker'");
    }
    if (requested == 0) {
      return Math.min(DEFAULT_REPLICATION, eligibleBrokers);
    }
    if (requested > eligibleBrokers) {
      throw Errors.invalid("replication factor " + requested + " needs " + requested + " brokers, but only "
          + eligibleBrokers + " live broker" + (eligibleBrokers == 1 ? " takes" : "s take")
          + " replicas; start more brokers or create with --replication " + eligibleBrokers);
    }
    return requested;
  }

  /** The target of a scale request: 1 to the per-stream limit. */
  int targetShardCount(int target) {
    if (target < 1) {
      throw Errors.invalid("target shard count " + target + " is invalid: a stream needs at least 1 shard");
    }
    if (target > maxShardsPerStream) {
      throw new TributaryException(ErrorCode.LIMIT_EXCEEDED, "target shard count " + target
          + " exceeds the limit of " + maxShardsPerStream + " shards per stream; use fewer shards or raise "
          + CoordinatorConfig.MAX_SHARDS_PER_STREAM.name());
    }
    return target;
  }

  static String consumerName(String name) {
    if (name == null || !CONSUMER_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
      throw Errors.invalid("invalid consumer name '" + name + "': use 1 to 128 characters from letters, digits,"
          + " '_', '.' and '-' (not '.' or '..')");
    }
    return name;
  }

  /** A shard id as given (a bare number is accepted), in its normal form. */
  static String shardId(String shardId) {
    return ShardIds.normalize(shardId);
  }

  /** An explicit split key, or empty for the middle of the range. */
  static Optional<HashKey> splitKey(String key) {
    return key == null || key.isEmpty() ? Optional.empty() : Optional.of(HashKey.parse(key));
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

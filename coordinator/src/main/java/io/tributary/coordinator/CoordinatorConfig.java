package io.tributary.coordinator;

import io.tributary.common.config.CommonKeys;
import io.tributary.common.config.ConfigKey;
import io.tributary.common.config.Configuration;
import io.tributary.common.stream.Limits;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A coordinator's validated configuration. Immutable.
 *
 * <p>Validation happens here, once, so that a bad value stops the process at start with a message
 * naming the key and the fix instead of failing later inside a request.
 */
public final class CoordinatorConfig {
  /** A stream is created in one ZooKeeper transaction, which must stay well under 1 MiB. */
  static final int SHARD_CAP = 2000;

  public static final ConfigKey<String> ID =
      ConfigKey.string("coordinator.id", "",
          "this coordinator's id; empty derives HOST:PORT from the address it listens on");
  public static final ConfigKey<Integer> MAX_SHARDS_PER_STREAM =
      ConfigKey.integer("coordinator.max-shards-per-stream", 500,
          "most shards a stream may be created with (1 to " + SHARD_CAP + ")");
  public static final ConfigKey<Integer> DEFAULT_RETENTION_HOURS =
      ConfigKey.integer("coordinator.default-retention-hours", Limits.DEFAULT_RETENTION_HOURS,
          "retention of streams created without one, in hours (24 to 8760)");

  public static final ConfigKey<Duration> RESHARD_WAIT =
      ConfigKey.duration("coordinator.reshard-wait", Duration.ofSeconds(30),
          "longest a resharded stream stays UPDATING while the brokers take over its new shards");
  public static final ConfigKey<Integer> ON_DEMAND_MIN_SHARDS =
      ConfigKey.integer("coordinator.on-demand.min-shards", 1,
          "fewest open shards of an on-demand stream created without a minimum");
  public static final ConfigKey<Integer> ON_DEMAND_MAX_SHARDS =
      ConfigKey.integer("coordinator.on-demand.max-shards", 64,
          "most open shards of an on-demand stream created without a maximum (capped at the per-stream limit)");
  public static final ConfigKey<Duration> ON_DEMAND_INTERVAL =
      ConfigKey.duration("coordinator.on-demand.interval", Duration.ofSeconds(10),
          "how often the on-demand scaler looks at the write rates of on-demand streams");
  public static final ConfigKey<Double> ON_DEMAND_SPLIT_THRESHOLD =
      new ConfigKey<>("coordinator.on-demand.split-threshold", Double::valueOf, 0.8,
          "a shard writing more than this fraction of its capacity is split");
  public static final ConfigKey<Double> ON_DEMAND_MERGE_THRESHOLD =
      new ConfigKey<>("coordinator.on-demand.merge-threshold", Double::valueOf, 0.25,
          "two adjacent shards writing less than this fraction of one shard's capacity together are merged");
  public static final ConfigKey<Integer> ON_DEMAND_SHARD_RECORDS =
      ConfigKey.integer("coordinator.on-demand.shard-records-per-second", 1000,
          "write capacity of one shard in records per second, for the on-demand scaler");
  public static final ConfigKey<Integer> ON_DEMAND_SHARD_BYTES =
      ConfigKey.integer("coordinator.on-demand.shard-bytes-per-second", 1048576,
          "write capacity of one shard in bytes per second, for the on-demand scaler");
  public static final ConfigKey<Duration> ON_DEMAND_COOLDOWN =
      ConfigKey.duration("coordinator.on-demand.cooldown", Duration.ofSeconds(60),
          "least time between two scaling actions of the on-demand scaler on one stream");

  public static final ConfigKey<Boolean> AUTO_REBALANCE =
      ConfigKey.bool("coordinator.auto-rebalance", false,
          "rebalance replicas and leaders when a broker that holds no replicas registers");
  public static final ConfigKey<Duration> REPLICA_CATCH_UP_WAIT =
      ConfigKey.duration("coordinator.replica-catch-up-wait", Duration.ofSeconds(120),
          "how long a drain or rebalance waits for a moved replica to catch up before it stops");

  /** Every key a coordinator reads, for help texts and configuration files. */
  public static final List<ConfigKey<?>> KEYS =
      List.of(ID, CommonKeys.HOST, CommonKeys.PORT, CommonKeys.METRICS_PORT, CommonKeys.DIR, CommonKeys.ZOOKEEPER,
          CommonKeys.CLUSTER, CommonKeys.CHECKPOINT_DIR,
          CommonKeys.ZK_SESSION_TIMEOUT, MAX_SHARDS_PER_STREAM, DEFAULT_RETENTION_HOURS, RESHARD_WAIT,
          ON_DEMAND_MIN_SHARDS, ON_DEMAND_MAX_SHARDS, ON_DEMAND_INTERVAL, ON_DEMAND_SPLIT_THRESHOLD,
          ON_DEMAND_MERGE_THRESHOLD, ON_DEMAND_SHARD_RECORDS, ON_DEMAND_SHARD_BYTES, ON_DEMAND_COOLDOWN, AUTO_REBALANCE,
          REPLICA_CATCH_UP_WAIT);

  private static final Pattern ID_FORM = Pattern.compile("[a-zA-Z0-9_.:-]{1,128}");
  private static final Pattern CLUSTER_FORM = Pattern.compile("[a-zA-Z0-9_.-]{1,64}");

  private final String id;
  private final String host;
  private final int port;
  private final int metricsPort;
  private final String zookeeper;
  private final Path dir;
  private final Path checkpointDir;
  private final String cluster;
  private final Duration zkSessionTimeout;
  private final int maxShardsPerStream;
  private final int defaultRetentionHours;
  private final Duration reshardWait;
  private final OnDemandSettings onDemand;
  private final boolean autoRebalance;
  private final Duration replicaCatchUpWait;

  public CoordinatorConfig(Configuration configuration) {
    this.id = configuration.get(ID).trim();
    this.host = configuration.get(CommonKeys.HOST).trim();
    this.port = configuration.get(CommonKeys.PORT);
    this.metricsPort = configuration.get(CommonKeys.METRICS_PORT);
    this.zookeeper = configuration.get(CommonKeys.ZOOKEEPER).trim();
    this.dir = directory(configuration.get(CommonKeys.DIR));
    String checkpoints = configuration.get(CommonKeys.CHECKPOINT_DIR).trim();
    this.checkpointDir = checkpoints.isEmpty() ? dir.resolve("checkpoints") : path(CommonKeys.CHECKPOINT_DIR, checkpoints);
    this.cluster = configuration.get(CommonKeys.CLUSTER).trim();
    this.zkSessionTimeout = configuration.get(CommonKeys.ZK_SESSION_TIMEOUT);
    this.maxShardsPerStream = configuration.get(MAX_SHARDS_PER_STREAM);
    this.defaultRetentionHours = configuration.get(DEFAULT_RETENTION_HOURS);
    this.reshardWait = configuration.get(RESHARD_WAIT);
    this.onDemand = new OnDemandSettings(configuration.get(ON_DEMAND_MIN_SHARDS),
        // A lower per-stream limit caps the default maximum instead of failing the start.
        Math.min(configuration.get(ON_DEMAND_MAX_SHARDS), maxShardsPerStream), configuration.get(ON_DEMAND_INTERVAL),
        configuration.get(ON_DEMAND_SPLIT_THRESHOLD), configuration.get(ON_DEMAND_MERGE_THRESHOLD),
        configuration.get(ON_DEMAND_SHARD_RECORDS), configuration.get(ON_DEMAND_SHARD_BYTES),
        configuration.get(ON_DEMAND_COOLDOWN));
    this.autoRebalance = configuration.get(AUTO_REBALANCE);
    this.replicaCatchUpWait = configuration.get(REPLICA_CATCH_UP_WAIT);
    validate();
    validateOnDemand();
    require(replicaCatchUpWait.compareTo(Duration.ofSeconds(1)) >= 0, REPLICA_CATCH_UP_WAIT,
        replicaCatchUpWait.toMillis() + "ms is too short: use at least 1s");
  }

  private void validate() {
    require(id.isEmpty() || (ID_FORM.matcher(id).matches() && !id.equals(".") && !id.equals("..")),
        ID, "'" + id + "' is not a valid id: use 1 to 128 letters, digits, '_', '.', ':' or '-'");
    require(!host.isEmpty(), CommonKeys.HOST, "is empty: give the address to bind, e.g. 127.0.0.1");
    require(port >= 0 && port <= 65535, CommonKeys.PORT, port + " is not a port: use 0 to 65535");
    require(metricsPort >= -1 && metricsPort <= 65535, CommonKeys.METRICS_PORT,
        metricsPort + " is not a port: use -1 to serve no metrics, 0 to pick a free port, or 1 to 65535");
    require(!zookeeper.isEmpty(), CommonKeys.ZOOKEEPER, "is empty: give HOST:PORT of ZooKeeper");
    require(CLUSTER_FORM.matcher(cluster).matches(), CommonKeys.CLUSTER,
        "'" + cluster + "' is not a valid cluster name: use 1 to 64 letters, digits, '_', '.' or '-'");
    require(zkSessionTimeout.compareTo(Duration.ofSeconds(1)) >= 0, CommonKeys.ZK_SESSION_TIMEOUT,
        zkSessionTimeout.toMillis() + "ms is too short: use at least 1s");
    require(maxShardsPerStream >= 1 && maxShardsPerStream <= SHARD_CAP, MAX_SHARDS_PER_STREAM,
        maxShardsPerStream + " is out of bounds: use 1 to " + SHARD_CAP);
    require(defaultRetentionHours >= Limits.MIN_RETENTION_HOURS
            && defaultRetentionHours <= Limits.MAX_RETENTION_HOURS, DEFAULT_RETENTION_HOURS,
        defaultRetentionHours + " hours is out of bounds: use " + Limits.MIN_RETENTION_HOURS + " to "
            + Limits.MAX_RETENTION_HOURS);
  }

  private void validateOnDemand() {
    require(reshardWait.compareTo(Duration.ofMillis(100)) >= 0, RESHARD_WAIT,
        reshardWait.toMillis() + "ms is too short: use at least 100ms");
    require(onDemand.minShards() >= 1 && onDemand.minShards() <= maxShardsPerStream, ON_DEMAND_MIN_SHARDS,
        onDemand.minShards() + " is out of bounds: use 1 to " + MAX_SHARDS_PER_STREAM.name() + " (" + maxShardsPerStream + ")");
    require(onDemand.maxShards() >= onDemand.minShards(), ON_DEMAND_MAX_SHARDS, onDemand.maxShards()
        + " is out of bounds: use at least " + ON_DEMAND_MIN_SHARDS.name() + " (" + onDemand.minShards() + ")");
    require(onDemand.interval().compareTo(Duration.ofMillis(100)) >= 0, ON_DEMAND_INTERVAL,
        onDemand.interval().toMillis() + "ms is too short: use at least 100ms");
    require(onDemand.splitThreshold() > 0 && onDemand.splitThreshold() <= 1, ON_DEMAND_SPLIT_THRESHOLD,
        onDemand.splitThreshold() + " is out of bounds: use a fraction above 0, at most 1");
    require(onDemand.mergeThreshold() >= 0 && onDemand.mergeThreshold() < onDemand.splitThreshold() / 2,
        ON_DEMAND_MERGE_THRESHOLD, onDemand.mergeThreshold() + " is out of bounds: use 0 up to half the split"
            + " threshold, so that a merged shard is not split again at once");
    require(onDemand.shardRecordsPerSecond() >= 1, ON_DEMAND_SHARD_RECORDS,
        onDemand.shardRecordsPerSecond() + " is out of bounds: use at least 1");
    require(onDemand.shardBytesPerSecond() >= 1, ON_DEMAND_SHARD_BYTES,
        onDemand.shardBytesPerSecond() + " is out of bounds: use at least 1");
    require(!onDemand.cooldown().isNegative(), ON_DEMAND_COOLDOWN, "is negative: use 0s or more");
  }

  private static void require(boolean ok, ConfigKey<?> key, String problem) {
    if (!ok) {
      throw new IllegalArgumentException(key.name() + " " + problem + " (set it in the configuration file, "
          + key.envName() + " or on the command line)");
    }
  }

  private static Path directory(String value) {
    require(!value.isBlank(), CommonKeys.DIR, "is empty: give the directory for job jars, e.g. data");
    return path(CommonKeys.DIR, value);
  }

  private static Path path(ConfigKey<String> key, String value) {
    try {
      return Path.of(value.trim());
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(key.name() + " '" + value + "' is not a valid path: "
          + e.getReason() + " (set it in the configuration file, " + key.envName()
          + " or on the command line)", e);
    }
  }

  /** Checkpoint storage: job jars and plans, checkpoints and default savepoints ({@code <jobId>/...}). */
  public Path checkpointDir() {
    return checkpointDir;
  }

  /** Where the coordinator keeps job jars and plans ({@code jobs/<id>/}). */
  public Path dir() {
    return dir;
  }

  /** The configured id; empty means "derive it from the address once listening". */
  public Optional<String> id() {
    return id.isEmpty() ? Optional.empty() : Optional.of(id);
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  /** The port of the Prometheus endpoint; 0 picks a free one, -1 serves no metrics. */
  public int metricsPort() {
    return metricsPort;
  }

  public String zookeeper() {
    return zookeeper;
  }

  public String cluster() {
    return cluster;
  }

  public Duration zkSessionTimeout() {
    return zkSessionTimeout;
  }

  public int maxShardsPerStream() {
    return maxShardsPerStream;
  }

  public int defaultRetentionHours() {
    return defaultRetentionHours;
  }

  public Duration reshardWait() {
    return reshardWait;
  }

  public OnDemandSettings onDemand() {
    return onDemand;
  }

  public boolean autoRebalance() {
    return autoRebalance;
  }

  public Duration replicaCatchUpWait() {
    return replicaCatchUpWait;
  }
}

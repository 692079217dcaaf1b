package io.tributary.coordinator;

import io.tributary.common.config.CommonKeys;
import io.tributary.common.config.ConfigKey;
import io.tributary.common.config.Configuration;
import io.tributary.common.stream.Limits;
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

  /** Every key a coordinator reads, for help texts and configuration files. */
  public static final List<ConfigKey<?>> KEYS =
      List.of(ID, CommonKeys.HOST, CommonKeys.PORT, CommonKeys.ZOOKEEPER, CommonKeys.CLUSTER,
          CommonKeys.ZK_SESSION_TIMEOUT, MAX_SHARDS_PER_STREAM, DEFAULT_RETENTION_HOURS);

  private static final Pattern ID_FORM = Pattern.compile("[a-zA-Z0-9_.:-]{1,128}");
  private static final Pattern CLUSTER_FORM = Pattern.compile("[a-zA-Z0-9_.-]{1,64}");

  private final String id;
  private final String host;
  private final int port;
  private final String zookeeper;
  private final String cluster;
  private final Duration zkSessionTimeout;
  private final int maxShardsPerStream;
  private final int defaultRetentionHours;

  public CoordinatorConfig(Configuration configuration) {
    this.id = configuration.get(ID).trim();
    this.host = configuration.get(CommonKeys.HOST).trim();
    this.port = configuration.get(CommonKeys.PORT);
    this.zookeeper = configuration.get(CommonKeys.ZOOKEEPER).trim();
    this.cluster = configuration.get(CommonKeys.CLUSTER).trim();
    this.zkSessionTimeout = configuration.get(CommonKeys.ZK_SESSION_TIMEOUT);
    this.maxShardsPerStream = configuration.get(MAX_SHARDS_PER_STREAM);
    this.defaultRetentionHours = configuration.get(DEFAULT_RETENTION_HOURS);
    validate();
  }

  private void validate() {
    require(id.isEmpty() || (ID_FORM.matcher(id).matches() && !id.equals(".") && !id.equals("..")),
        ID, "'" + id + "' is not a valid id: use 1 to 128 letters, digits, '_', '.', ':' or '-'");
    require(!host.isEmpty(), CommonKeys.HOST, "is empty: give the address to bind, e.g. 127.0.0.1");
    require(port >= 0 && port <= 65535, CommonKeys.PORT, port + " is not a port: use 0 to 65535");
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

  private static void require(boolean ok, ConfigKey<?> key, String problem) {
    if (!ok) {
      throw new IllegalArgumentException(key.name() + " " + problem + " (set it in the configuration file, "
          + key.envName() + " or on the command line)");
    }
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
}

package io.tributary.broker;

import io.tributary.broker.replication.ReplicationSettings;
import io.tributary.common.config.CommonKeys;
import io.tributary.common.config.ConfigKey;
import io.tributary.common.config.Configuration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A broker's validated configuration. Immutable.
 *
 * <p>Every key is declared here once; validation happens in the constructor so that a bad value stops
 * the broker at start with a message naming the key and the fix.
 */
public final class BrokerConfig {
  /** Names {@link #ROLL_CYCLE} accepts, shortest first. */
  public static final List<String> ROLL_CYCLES =
      List.of("minutely", "five-minutely", "ten-minutely", "twenty-minutely", "half-hourly", "hourly",
          "two-hourly", "four-hourly", "six-hourly", "daily");

  public static final ConfigKey<Integer> ID =
      ConfigKey.integer("broker.id", 0, "this broker's id, unique in the cluster (0 or more)");
  public static final ConfigKey<String> ROLL_CYCLE =
      ConfigKey.string("broker.roll-cycle", "hourly",
          "how often a shard log starts a new file, the unit retention drops: one of " + ROLL_CYCLES);
  public static final ConfigKey<Duration> RETENTION_CHECK_INTERVAL =
      ConfigKey.duration("broker.retention-check-interval", Duration.ofMinutes(1),
          "how often the broker drops shard log files older than their stream's retention (e.g. 1m)");
  public static final ConfigKey<Duration> HEARTBEAT_INTERVAL =
      ConfigKey.duration("broker.subscribe-heartbeat-interval", Duration.ofSeconds(5),
          "how often an idle subscription gets an empty event carrying its lag (e.g. 5s)");
  public static final ConfigKey<Boolean> QUOTA_ENABLED =
      ConfigKey.bool("quota.enabled", true, "whether per-shard throughput quotas are enforced");
  public static final ConfigKey<Long> QUOTA_WRITE_BYTES =
      ConfigKey.longValue("quota.write-bytes-per-second", QuotaSettings.KINESIS_DEFAULTS.writeBytesPerSecond(),
          "bytes of partition keys and data a shard accepts per second");
  public static final ConfigKey<Integer> QUOTA_WRITE_RECORDS =
      ConfigKey.integer("quota.write-records-per-second", QuotaSettings.KINESIS_DEFAULTS.writeRecordsPerSecond(),
          "records a shard accepts per second");
  public static final ConfigKey<Long> QUOTA_READ_BYTES =
      ConfigKey.longValue("quota.read-bytes-per-second", QuotaSettings.KINESIS_DEFAULTS.readBytesPerSecond(),
          "bytes a shard serves per second to get-records callers together");
  public static final ConfigKey<Integer> QUOTA_READ_TRANSACTIONS =
      ConfigKey.integer("quota.read-transactions-per-second",
          QuotaSettings.KINESIS_DEFAULTS.readTransactionsPerSecond(), "get-records calls a shard serves per second");
  public static final ConfigKey<Long> QUOTA_SUBSCRIBE_BYTES =
      ConfigKey.longValue("quota.subscribe-bytes-per-second", QuotaSettings.DEFAULT_SUBSCRIBE_BYTES_PER_SECOND,
          "bytes each registered consumer's subscription reads of a shard per second");

  public static final ConfigKey<Duration> PRODUCER_STATE_WINDOW =
      ConfigKey.duration("broker.producer-state-window", ProducerStateSettings.DEFAULTS.window(),
          "how long a shard remembers an idle idempotent producer, and how far back in arrival time a reopened"
              + " shard log is scanned to rebuild that memory");
  public static final ConfigKey<Long> PRODUCER_STATE_MAX_RECORDS =
      ConfigKey.longValue("broker.producer-state-max-records", ProducerStateSettings.DEFAULTS.maxRecords(),
          "the most records of a reopened shard log scanned to rebuild its idempotent producers");
  public static final ConfigKey<Integer> PRODUCER_STATE_MAX_PRODUCERS =
      ConfigKey.integer("broker.producer-state-max-producers", ProducerStateSettings.DEFAULTS.maxProducers(),
          "the most idempotent producers remembered per shard; the least recently used is forgotten first");

  public static final ConfigKey<Integer> MIN_IN_SYNC_REPLICAS =
      ConfigKey.integer("replication.min-in-sync-replicas", ReplicationSettings.DEFAULTS.minInSync(),
          "acks=all writes need at least this many in-sync replicas of their shard (capped by its replica count);"
              + " with fewer they are refused with NotEnoughReplicas");
  public static final ConfigKey<Duration> REPLICA_LAG_MAX =
      ConfigKey.duration("replication.replica-lag-max", ReplicationSettings.DEFAULTS.lagTimeMax(),
          "a follower that has not caught up with its leader for this long leaves the in-sync replicas (e.g. 10s)");
  public static final ConfigKey<Duration> ACK_TIMEOUT =
      ConfigKey.duration("replication.ack-timeout", ReplicationSettings.DEFAULTS.ackTimeout(),
          "how long an acks=all write waits for every in-sync replica before it fails with ReplicationTimeout"
              + " (e.g. 15s)");

  /** Every key a broker reads, for help texts, configuration files and overrides. */
  public static final List<ConfigKey<?>> KEYS =
      List.of(ID, CommonKeys.HOST, CommonKeys.PORT, CommonKeys.METRICS_PORT, CommonKeys.DIR, CommonKeys.ZOOKEEPER, CommonKeys.CLUSTER,
          CommonKeys.ZK_SESSION_TIMEOUT, ROLL_CYCLE, RETENTION_CHECK_INTERVAL, HEARTBEAT_INTERVAL, QUOTA_ENABLED,
          QUOTA_WRITE_BYTES, QUOTA_WRITE_RECORDS, QUOTA_READ_BYTES, QUOTA_READ_TRANSACTIONS,
          QUOTA_SUBSCRIBE_BYTES, PRODUCER_STATE_WINDOW, PRODUCER_STATE_MAX_RECORDS, PRODUCER_STATE_MAX_PRODUCERS,
          MIN_IN_SYNC_REPLICAS, REPLICA_LAG_MAX, ACK_TIMEOUT);

  private static final Pattern CLUSTER_FORM = Pattern.compile("[a-zA-Z0-9_.-]{1,64}");

  private final int id;
  private final String host;
  private final int port;
  private final int metricsPort;
  private final Path dir;
  private final String zookeeper;
  private final String cluster;
  private final Duration zkSessionTimeout;
  private final String rollCycle;
  private final Duration retentionCheckInterval;
  private final Duration heartbeatInterval;
  private final QuotaSettings quotas;
  private final ProducerStateSettings producerStates;
  private final ReplicationSettings replication;

  public BrokerConfig(Configuration configuration) {
    this.id = configuration.requireAtLeast(ID, 0);
    this.host = configuration.requireNonEmpty(CommonKeys.HOST);
    this.port = configuration.get(CommonKeys.PORT);
    if (port < 0 || port > 65535) {
      throw Configuration.invalid(CommonKeys.PORT, port, "use 0 to pick a free port, or 1 to 65535");
    }
    this.metricsPort = configuration.get(CommonKeys.METRICS_PORT);
    if (metricsPort < -1 || metricsPort > 65535) {
      throw Configuration.invalid(CommonKeys.METRICS_PORT, metricsPort,
          "use -1 to serve no metrics, 0 to pick a free port, or 1 to 65535");
    }
    this.dir = Path.of(configuration.requireNonEmpty(CommonKeys.DIR));
    this.zookeeper = configuration.requireNonEmpty(CommonKeys.ZOOKEEPER);
    this.cluster = configuration.requireNonEmpty(CommonKeys.CLUSTER);
    if (!CLUSTER_FORM.matcher(cluster).matches()) {
      throw Configuration.invalid(CommonKeys.CLUSTER, cluster, "use 1 to 64 letters, digits, '_', '.' or '-'");
    }
    this.zkSessionTimeout = configuration.requirePositive(CommonKeys.ZK_SESSION_TIMEOUT);
    this.rollCycle = configuration.get(ROLL_CYCLE).trim();
    if (!ROLL_CYCLES.contains(rollCycle)) {
      throw Configuration.invalid(ROLL_CYCLE, rollCycle, "use one of " + ROLL_CYCLES);
    }
    this.retentionCheckInterval = configuration.requirePositive(RETENTION_CHECK_INTERVAL);
    this.heartbeatInterval = configuration.requirePositive(HEARTBEAT_INTERVAL);
    this.quotas =
        new QuotaSettings(
            configuration.get(QUOTA_ENABLED),
            configuration.requireAtLeast(QUOTA_WRITE_BYTES, 1L),
            configuration.requireAtLeast(QUOTA_WRITE_RECORDS, 1),
            configuration.requireAtLeast(QUOTA_READ_BYTES, 1L),
            configuration.requireAtLeast(QUOTA_READ_TRANSACTIONS, 1),
            configuration.requireAtLeast(QUOTA_SUBSCRIBE_BYTES, 1L));
    this.producerStates =
        new ProducerStateSettings(
            configuration.requirePositive(PRODUCER_STATE_WINDOW),
            configuration.requireAtLeast(PRODUCER_STATE_MAX_RECORDS, 0L),
            configuration.requireAtLeast(PRODUCER_STATE_MAX_PRODUCERS, 1));
    this.replication =
        new ReplicationSettings(
            configuration.requireAtLeast(MIN_IN_SYNC_REPLICAS, 1),
            configuration.requirePositive(REPLICA_LAG_MAX),
            configuration.requirePositive(ACK_TIMEOUT),
            ReplicationSettings.DEFAULTS.fetchMaxWait(),
            ReplicationSettings.DEFAULTS.fetchMaxBytes());
  }

  public int id() {
    return id;
  }

  /** The address the gRPC server binds to and advertises. */
  public String host() {
    return host;
  }

  /** The gRPC port; 0 picks a free one. */
  public int port() {
    return port;
  }

  /** The port of the metrics endpoint; 0 picks a free one, -1 serves no metrics. */
  public int metricsPort() {
    return metricsPort;
  }

  /** The broker's data directory; shard logs live under {@code streams/} in it. */
  public Path dir() {
    return dir;
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

  /** One of {@link #ROLL_CYCLES}. */
  public String rollCycle() {
    return rollCycle;
  }

  public Duration retentionCheckInterval() {
    return retentionCheckInterval;
  }

  public Duration heartbeatInterval() {
    return heartbeatInterval;
  }

  public QuotaSettings quotas() {
    return quotas;
  }

  /** How the broker replicates the shards it leads and follows. */
  public ReplicationSettings replication() {
    return replication;
  }

  /** What each shard remembers of idempotent producers. */
  public ProducerStateSettings producerStates() {
    return producerStates;
  }
}

package io.tributary.worker;

import io.tributary.common.config.CommonKeys;
import io.tributary.common.config.ConfigKey;
import io.tributary.common.config.Configuration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A worker's validated configuration. Immutable.
 *
 * <p>Every key is declared here once; validation happens in the constructor so that a bad value stops
 * the worker at start with a message naming the key and the fix.
 */
public final class WorkerConfig {
  public static final ConfigKey<String> ID =
      ConfigKey.string("worker.id", "", "worker id, unique in the cluster (empty: derived from host and port)");
  public static final ConfigKey<Integer> SLOTS =
      ConfigKey.integer("worker.slots", 2, "task slots this worker offers: each runs one subtask");

  public static final List<ConfigKey<?>> KEYS =
      List.of(ID, SLOTS, CommonKeys.HOST, CommonKeys.PORT, CommonKeys.METRICS_PORT, CommonKeys.DIR,
          CommonKeys.ZOOKEEPER, CommonKeys.CLUSTER, CommonKeys.ZK_SESSION_TIMEOUT);

  private static final Pattern NAME_FORM = Pattern.compile("[a-zA-Z0-9_.-]{1,64}");

  private final String id;
  private final int slots;
  private final String host;
  private final int port;
  private final int metricsPort;
  private final Path dir;
  private final String zookeeper;
  private final String cluster;
  private final Duration zkSessionTimeout;

  public WorkerConfig(Configuration configuration) {
    this.host = configuration.requireNonEmpty(CommonKeys.HOST);
    this.port = configuration.get(CommonKeys.PORT);
    if (port < 0 || port > 65535) {
      throw Configuration.invalid(CommonKeys.PORT, port, "use 0 to pick a free port, or 1 to 65535");
    }
    this.id = configuration.get(ID).trim();
    if (!id.isEmpty() && !NAME_FORM.matcher(id).matches()) {
      throw Configuration.invalid(ID, id, "use 1 to 64 letters, digits, '_', '.' or '-', or leave it empty");
    }
    this.slots = configuration.requireAtLeast(SLOTS, 1);
    this.metricsPort = configuration.get(CommonKeys.METRICS_PORT);
    if (metricsPort < -1 || metricsPort > 65535) {
      throw Configuration.invalid(CommonKeys.METRICS_PORT, metricsPort,
          "use -1 to serve no metrics, 0 to pick a free port, or 1 to 65535");
    }
    this.dir = Path.of(configuration.requireNonEmpty(CommonKeys.DIR));
    this.zookeeper = configuration.requireNonEmpty(CommonKeys.ZOOKEEPER);
    this.cluster = configuration.requireNonEmpty(CommonKeys.CLUSTER);
    if (!NAME_FORM.matcher(cluster).matches()) {
      throw Configuration.invalid(CommonKeys.CLUSTER, cluster, "use 1 to 64 letters, digits, '_', '.' or '-'");
    }
    this.zkSessionTimeout = configuration.get(CommonKeys.ZK_SESSION_TIMEOUT);
    if (zkSessionTimeout.isZero() || zkSessionTimeout.isNegative()) {
      throw Configuration.invalid(CommonKeys.ZK_SESSION_TIMEOUT, zkSessionTimeout, "use a positive duration such as 6s");
    }
  }

  /**
   * The configured id, or empty when the worker derives it from its address at start (see
   * {@link #idFor(int)}), so that a restarted worker on the same port takes its old name.
   */
  public String id() {
    return id;
  }

  /** The id the worker runs under once its gRPC server listens on {@code boundPort}. */
  public String idFor(int boundPort) {
    if (!id.isEmpty()) {
      return id;
    }
    return "worker-" + host.replaceAll("[^a-zA-Z0-9_.-]", "_") + "-" + boundPort;
  }

  public int slots() {
    return slots;
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

  /** The worker's directory; job jars are cached under {@code jobs/} in it. */
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
}

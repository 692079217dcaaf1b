package io.tributary.common.config;

import java.time.Duration;

/** Configuration keys every server process shares. */
public final class CommonKeys {
  public static final ConfigKey<String> CLUSTER =
      ConfigKey.string("cluster.name", "tributary", "cluster name; separates clusters sharing one ZooKeeper");
  public static final ConfigKey<String> ZOOKEEPER =
      ConfigKey.string("zookeeper.connect", "127.0.0.1:2181", "ZooKeeper connect string HOST:PORT[,HOST:PORT...]");
  public static final ConfigKey<Duration> ZK_SESSION_TIMEOUT =
      ConfigKey.duration("zookeeper.session-timeout", Duration.ofSeconds(6),
          "ZooKeeper session timeout (e.g. 6s): how long a dead process keeps its ephemeral nodes");
  public static final ConfigKey<String> HOST =
      ConfigKey.string("server.host", "127.0.0.1", "address the gRPC server binds to and advertises");
  public static final ConfigKey<Integer> PORT =
      ConfigKey.integer("server.port", 0, "gRPC port; 0 picks a free one");
  public static final ConfigKey<String> DIR =
      ConfigKey.string("server.dir", "data", "directory for the process's durable data");
  public static final ConfigKey<String> CHECKPOINT_DIR =
      ConfigKey.string("checkpoint.dir", "",
          "checkpoint storage: a directory every coordinator and worker can reach (a shared mount in a cluster);"
              + " empty: <server.dir>/checkpoints, which only works when all processes share one machine and dir");
  public static final ConfigKey<Integer> METRICS_PORT =
      ConfigKey.integer("metrics.port", -1,
          "port of the Prometheus /metrics endpoint on server.host; 0 picks a free one, -1 serves no metrics");

  /** Default gRPC port of a coordinator, which the CLI uses when none is given. */
  public static final int DEFAULT_COORDINATOR_PORT = 7400;

  private CommonKeys() {}
}

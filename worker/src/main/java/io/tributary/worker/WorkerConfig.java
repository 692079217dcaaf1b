package io.tributary.worker;

import io.tributary.common.config.CommonKeys;
import io.tributary.common.config.ConfigKey;
import io.tributary.common.config.Configuration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A worker's validated settings. Immutable. Placeholder signatures; the worker work fills them in. */
public final class WorkerConfig {
  public static final ConfigKey<String> ID =
      ConfigKey.string("worker.id", "", "worker id, unique in the cluster (empty: derived from host and port)");
  public static final ConfigKey<Integer> SLOTS =
      ConfigKey.integer("worker.slots", 2, "task slots this worker offers: each runs one subtask");

  public static final List<ConfigKey<?>> KEYS =
      List.of(ID, SLOTS, CommonKeys.HOST, CommonKeys.PORT, CommonKeys.METRICS_PORT, CommonKeys.DIR,
          CommonKeys.ZOOKEEPER, CommonKeys.CLUSTER, CommonKeys.ZK_SESSION_TIMEOUT);

  public WorkerConfig(Configuration configuration) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  public String id() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  public int slots() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  public String host() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  public int port() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  public int metricsPort() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  public Path dir() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  public String zookeeper() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  public String cluster() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  public Duration zkSessionTimeout() {
    throw new UnsupportedOperationException("not yet implemented");
  }
}

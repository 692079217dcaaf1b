package io.tributary.cli.local;

import io.tributary.common.error.Errors;
import io.tributary.common.zk.ZkPaths;
import io.tributary.common.zk.ZooKeeperClients;
import java.time.Duration;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

/**
 * Reads which workers are registered in a cluster's ZooKeeper: the list the leading coordinator
 * places subtasks on. Thread-safe. The cluster status has no workers, so readiness looks here.
 */
final class RegisteredWorkers implements AutoCloseable {
  private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);

  private final CuratorFramework zk;
  private final ZkPaths paths;

  RegisteredWorkers(String zookeeper, String cluster, Duration connectWait) {
    this.zk = ZooKeeperClients.connect(zookeeper, SESSION_TIMEOUT, connectWait);
    this.paths = new ZkPaths(cluster);
  }

  /** Ids of the live workers; none before the first one registers. */
  List<String> ids() {
    try {
      return zk.getChildren().forPath(paths.workers());
    } catch (KeeperException.NoNodeException none) {
      return List.of();
    } catch (Exception e) {
      throw Errors.unavailable("cannot list the workers in ZooKeeper: " + e);
    }
  }

  @Override
  public void close() {
    zk.close();
  }
}

package io.tributary.client.app;

import io.tributary.client.TributaryClient;
import io.tributary.common.error.Errors;
import io.tributary.common.zk.ZooKeeperClients;
import io.tributary.proto.v1.ClusterStatus;
import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.ZooKeeper;

/**
 * The ZooKeeper connection of an application instance or an administrative look-up, found through
 * the cluster's status unless the options name one. Thread-safe.
 */
final class ZooKeeperSession implements AutoCloseable {
  private static final Duration CONNECT_WAIT = Duration.ofSeconds(15);

  private final CuratorFramework curator;
  private final String cluster;

  private ZooKeeperSession(CuratorFramework curator, String cluster) {
    this.curator = curator;
    this.cluster = cluster;
  }

  static ZooKeeperSession open(TributaryClient client, ApplicationOptions options) {
    String zookeeper = options.zookeeper();
    String cluster = options.cluster();
    if (zookeeper == null || cluster == null) {
      ClusterStatus status = client.clusterStatus();
      zookeeper = zookeeper != null ? zookeeper : status.getZookeeper();
      cluster = cluster != null ? cluster : status.getCluster();
    }
    if (zookeeper.isEmpty()) {
      throw Errors.unavailable("the coordinator did not report a ZooKeeper address; give one with"
          + " ApplicationOptions.withZooKeeper (or --zookeeper)");
    }
    return new ZooKeeperSession(ZooKeeperClients.connect(zookeeper, options.sessionTimeout(), CONNECT_WAIT), cluster);
  }

  CuratorFramework curator() {
    return curator;
  }

  String cluster() {
    return cluster;
  }

  /**
   * Drops the connection without ending the session, as a crashed process would: the server keeps
   * its ephemeral nodes until the session times out.
   */
  void abandon() {
    try {
      ZooKeeper zk = curator.getZookeeperClient().getZooKeeper();
      zk.getTestable().injectSessionExpiration();
    } catch (Exception e) {
      throw new IllegalStateException("could not drop the ZooKeeper connection", e);
    }
    curator.close(); // the handle is closed already, so no close-session request is sent
  }

  @Override
  public void close() {
    curator.close();
  }
}

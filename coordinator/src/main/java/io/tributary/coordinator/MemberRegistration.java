package io.tributary.coordinator;

import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * This coordinator's ephemeral member node, owned by its current ZooKeeper session. Confined to the
 * coordinator event loop after start.
 *
 * <p>Unlike Curator's PersistentNode it needs nothing on close: ending the session removes the node,
 * so shutting down never waits on a ZooKeeper that cannot be reached.
 */
final class MemberRegistration {
  private static final Logger LOG = LogManager.getLogger(MemberRegistration.class);

  private final CuratorFramework zk;
  private final String path;
  private final byte[] data;

  MemberRegistration(CuratorFramework zk, String path, byte[] data) {
    this.zk = zk;
    this.path = path;
    this.data = data.clone();
  }

  /** Makes sure the node exists and belongs to the current session (after a session loss it does not). */
  void ensure() throws Exception {
    long session = zk.getZookeeperClient().getZooKeeper().getSessionId();
    Stat stat = zk.checkExists().forPath(path);
    if (stat != null && stat.getEphemeralOwner() == session) {
      return;
    }
    if (stat != null) {
      LOG.warn("replacing {} left by another session (an earlier run of this coordinator, "
          + "or another coordinator configured with the same id)", path);
      try {
        zk.delete().withVersion(stat.getVersion()).forPath(path);
      } catch (KeeperException.NoNodeException e) {
        LOG.debug("{} went away before it was replaced", path);
      }
    }
    zk.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(path, data);
  }
}

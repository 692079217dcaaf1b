package io.tributary.common.zk;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * A process's ephemeral membership node (a broker's or a worker's), kept in place by Curator's
 * PersistentNode across session losses. Thread-safe.
 *
 * <p>A process killed and restarted quickly under the same id finds the node its previous session
 * left; waiting for that session to expire would delay the restart, so the leftover is replaced.
 */
public final class EphemeralRegistration implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(EphemeralRegistration.class);

  private final PersistentNode node;
  private final String member;

  private EphemeralRegistration(PersistentNode node, String member) {
    this.node = node;
    this.member = member;
  }

  /**
   * Creates {@code path} with {@code data} and waits until it exists.
   *
   * @param member how logs and errors name the process, e.g. "worker w1"
   * @param idKey the configuration key of its id, named when two processes share one
   */
  public static EphemeralRegistration register(
      CuratorFramework client, String path, byte[] data, String member, String idKey, Duration wait) {
    removeLeftover(client, path, member, idKey);
    PersistentNode node = new PersistentNode(client, CreateMode.EPHEMERAL, false, path, data);
    node.start();
    try {
      if (!node.waitForInitialCreate(wait.toMillis(), TimeUnit.MILLISECONDS)) {
        closeQuietly(node);
        throw Errors.unavailable("could not register " + member + " at " + path + " within " + wait.toSeconds()
            + "s; check that ZooKeeper is reachable");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(node);
      throw Errors.unavailable("interrupted while registering " + member);
    }
    LOG.info("registered {} as {}", member, path);
    return new EphemeralRegistration(node, member);
  }

  private static void removeLeftover(CuratorFramework client, String path, String member, String idKey) {
    try {
      Stat stat = client.checkExists().forPath(path);
      if (stat == null) {
        return;
      }
      LOG.warn("replacing the registration of {} left by ZooKeeper session 0x{} (a previous run of it, or another "
          + "process with the same {})", member, Long.toHexString(stat.getEphemeralOwner()), idKey);
      client.delete().withVersion(stat.getVersion()).forPath(path);
    } catch (KeeperException.NoNodeException e) {
      LOG.debug("leftover registration {} went away by itself", path);
    } catch (Exception e) {
      throw new TributaryException(
          ErrorCode.UNAVAILABLE, "cannot check the registration " + path + " in ZooKeeper: " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(PersistentNode node) {
    try {
      node.close();
    } catch (Exception e) {
      LOG.warn("closing the registration node failed", e);
    }
  }

  @Override
  public void close() {
    try {
      node.close();
    } catch (Exception e) {
      LOG.warn("removing the registration of {} failed; it disappears when the session ends", member, e);
    }
  }
}

package io.tributary.broker.internal;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.MetadataJson;
import io.tributary.common.zk.Registrations;
import io.tributary.common.zk.ZkPaths;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.zookeeper.data.Stat;

/**
 * The broker's ephemeral membership node, kept in place by Curator's PersistentNode across session
 * losses. Thread-safe.
 *
 * <p>A broker killed and restarted quickly finds the node its previous session left behind; waiting
 * for that session to expire would delay the restart, so the leftover is replaced.
 */
final class BrokerRegistration implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(BrokerRegistration.class);

  private final PersistentNode node;

  private BrokerRegistration(PersistentNode node) {
    this.node = node;
  }

  static BrokerRegistration register(
      CuratorFramework client, ZkPaths paths, int brokerId, String address, Duration wait) {
    String path = paths.broker(brokerId);
    removeLeftover(client, path, brokerId);
    byte[] data = MetadataJson.write(new Registrations.Broker(brokerId, address));
    PersistentNode node = new PersistentNode(client, CreateMode.EPHEMERAL, false, path, data);
    node.start();
    try {
      if (!node.waitForInitialCreate(wait.toMillis(), TimeUnit.MILLISECONDS)) {
        closeQuietly(node);
        throw Errors.unavailable(
            "could not register broker " + brokerId + " at " + path + " within " + wait.toSeconds()
                + "s; check that ZooKeeper is reachable");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(node);
      throw Errors.unavailable("interrupted while registering broker " + brokerId);
    }
    LOG.info("registered broker {} at {} as {}", brokerId, address, path);
    return new BrokerRegistration(node);
  }

  private static void removeLeftover(CuratorFramework client, String path, int brokerId) {
    try {
      Stat stat = client.checkExists().forPath(path);
      if (stat == null) {
        return;
      }
      LOG.warn("replacing the registration of broker {} left by ZooKeeper session 0x{} (a previous run of "
          + "this broker, or another broker with the same broker.id)", brokerId, Long.toHexString(stat.getEphemeralOwner()));
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
      LOG.warn("removing the broker registration failed; it disappears when the session ends", e);
    }
  }
}

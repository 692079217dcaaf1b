package io.tributary.worker.internal;

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
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * The worker's ephemeral membership node with its address and slots, kept in place by Curator's
 * PersistentNode across session losses. Thread-safe.
 *
 * <p>A worker restarted quickly under the same id finds the node its previous session left; waiting
 * for that session to expire would delay the restart, so the leftover is replaced.
 */
final class WorkerRegistration implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(WorkerRegistration.class);

  private final PersistentNode node;

  private WorkerRegistration(PersistentNode node) {
    this.node = node;
  }

  static WorkerRegistration register(CuratorFramework client, ZkPaths paths, Registrations.Worker worker, Duration wait) {
    String path = paths.worker(worker.id());
    removeLeftover(client, path, worker.id());
    PersistentNode node = new PersistentNode(client, CreateMode.EPHEMERAL, false, path, MetadataJson.write(worker));
    node.start();
    try {
      if (!node.waitForInitialCreate(wait.toMillis(), TimeUnit.MILLISECONDS)) {
        closeQuietly(node);
        throw Errors.unavailable("could not register worker " + worker.id() + " at " + path + " within "
            + wait.toSeconds() + "s; check that ZooKeeper is reachable");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(node);
      throw Errors.unavailable("interrupted while registering worker " + worker.id());
    }
    LOG.info("registered worker {} at {} with {} slots as {}", worker.id(), worker.address(), worker.slots(), path);
    return new WorkerRegistration(node);
  }

  private static void removeLeftover(CuratorFramework client, String path, String id) {
    try {
      Stat stat = client.checkExists().forPath(path);
      if (stat == null) {
        return;
      }
      LOG.warn("replacing the registration of worker {} left by ZooKeeper session 0x{} (a previous run of this "
          + "worker, or another worker with the same worker.id)", id, Long.toHexString(stat.getEphemeralOwner()));
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
      LOG.warn("removing the worker registration failed; it disappears when the session ends", e);
    }
  }
}

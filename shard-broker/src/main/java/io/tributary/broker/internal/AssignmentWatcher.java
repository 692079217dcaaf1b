package io.tributary.broker.internal;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.MetadataJson;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.common.stream.StreamMetadata;
import io.tributary.common.zk.ZkPaths;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.zookeeper.KeeperException;

/**
 * Follows the streams subtree in ZooKeeper with a CuratorCache and feeds stream, shard and
 * registered consumer changes to the registry, on one executor thread so that changes apply in order and never block Curator.
 * Thread-safe.
 *
 * <p>ZooKeeper is only the assignment source: when the connection is lost, the cache keeps its last
 * view and the broker keeps serving the shards it leads. Other nodes under a stream (its scaling
 * history, the parent nodes {@code shards} and {@code consumers}) are not the broker's business and are
 * skipped by their place in the tree, never parsed.
 */
final class AssignmentWatcher implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(AssignmentWatcher.class);

  private static final String SHARDS = "shards";
  private static final String CONSUMERS = "consumers";

  private final ShardRegistry registry;
  private final String root;
  private final CuratorCache cache;
  private final CountDownLatch initialized = new CountDownLatch(1);

  AssignmentWatcher(CuratorFramework client, ZkPaths paths, ShardRegistry registry, Executor executor) {
    this.registry = registry;
    this.root = paths.streams();
    ensureExists(client, root);
    this.cache = CuratorCache.build(client, root);
    CuratorCacheListener listener =
        CuratorCacheListener.builder()
            .forCreates(this::changed)
            .forChanges((before, after) -> changed(after))
            .forDeletes(this::deleted)
            .forInitialized(this::loaded)
            .build();
    cache.listenable().addListener(listener, executor);
  }

  /** Starts following and waits until every existing stream and shard has been applied. */
  void start(Duration wait) {
    cache.start();
    try {
      if (!initialized.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
        throw Errors.unavailable(
            "could not load stream assignments from ZooKeeper within " + wait.toSeconds() + "s; check ZooKeeper");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Errors.unavailable("interrupted while loading stream assignments");
    }
  }

  private void changed(ChildData node) {
    String[] parts = relativeParts(node.getPath());
    try {
      if (parts.length == 1 && node.getData() != null && node.getData().length > 0) {
        registry.streamChanged(MetadataJson.read(node.getData(), StreamMetadata.class));
      } else if (parts.length == 3 && SHARDS.equals(parts[1])) {
        int version = node.getStat() == null ? -1 : node.getStat().getVersion();
        registry.shardChanged(parts[0], MetadataJson.read(node.getData(), ShardMetadata.class), version);
      } else if (parts.length == 3 && CONSUMERS.equals(parts[1])) {
        registry.consumerChanged(parts[0], parts[2]);
      }
    } catch (RuntimeException e) {
      LOG.error("cannot apply ZooKeeper node {}; it is ignored until it changes", node.getPath(), e);
    }
  }

  private void deleted(ChildData node) {
    String[] parts = relativeParts(node.getPath());
    try {
      if (parts.length == 1) {
        registry.streamRemoved(parts[0]);
      } else if (parts.length == 3 && SHARDS.equals(parts[1])) {
        registry.shardRemoved(parts[0], parts[2]);
      } else if (parts.length == 3 && CONSUMERS.equals(parts[1])) {
        registry.consumerRemoved(parts[0], parts[2]);
      }
    } catch (RuntimeException e) {
      LOG.error("cannot apply the deletion of ZooKeeper node {}", node.getPath(), e);
    }
  }

  private void loaded() {
    try {
      registry.deleteStaleStreamData();
    } catch (RuntimeException e) {
      LOG.error("cannot delete the data of earlier stream incarnations", e);
    }
    initialized.countDown();
  }

  /** Path parts below the streams root: [stream], [stream, "shards", shard], [stream, "consumers", name]... */
  private String[] relativeParts(String path) {
    if (path.length() <= root.length() + 1) {
      return new String[0];
    }
    return path.substring(root.length() + 1).split("/");
  }

  private static void ensureExists(CuratorFramework client, String path) {
    try {
      client.create().creatingParentsIfNeeded().forPath(path, new byte[0]);
    } catch (KeeperException.NodeExistsException e) {
      LOG.debug("{} exists already", path);
    } catch (Exception e) {
      throw new TributaryException(
          ErrorCode.UNAVAILABLE, "cannot create " + path + " in ZooKeeper: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    cache.close();
  }
}

package io.tributary.coordinator;

import io.tributary.common.stream.MetadataJson;
import io.tributary.common.zk.Registrations;
import io.tributary.common.zk.ZkPaths;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The announced leader, kept current by a Curator cache of the leader node. Thread-safe.
 *
 * <p>A standby answers NotLeader from memory, so it redirects at once even while its own ZooKeeper
 * connection is down (the last leader it saw is the best hint it has).
 */
final class LeaderWatch implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(LeaderWatch.class);

  private final String path;
  private final CuratorCache cache;

  LeaderWatch(CuratorFramework zk, ZkPaths paths) {
    this.path = paths.coordinatorLeader();
    this.cache = CuratorCache.build(zk, path, CuratorCache.Options.SINGLE_NODE_CACHE);
  }

  void start() {
    cache.start();
  }

  Optional<Registrations.Leader> leader() {
    Optional<ChildData> node = cache.get(path);
    if (node.isEmpty() || node.get().getData() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(MetadataJson.read(node.get().getData(), Registrations.Leader.class));
    } catch (UncheckedIOException e) {
      LOG.warn("the leader node is unreadable: {}", e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    cache.close();
  }
}

package io.tributary.coordinator;

import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.LeaderElection;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.common.zk.ZkPaths;
import io.tributary.coordinator.FencedTransactions.Failure;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.zookeeper.KeeperException;

/**
 * The leader's failover: watches the broker registrations and, on every change and at the start of
 * every term, applies {@link LeaderElection} to every shard and writes what changed. Reconciling is
 * confined to the coordinator event loop; the watch runs on a Curator thread and only hands work over.
 *
 * <p>Reconciling the whole cluster from ZooKeeper instead of reacting to the one broker that changed
 * makes a missed event, a new term or a half-finished failover of a previous leader all end in the
 * same state. A broker's concurrent change of the in-sync set (a compare-and-set on the shard node)
 * makes the batch fail its version check; the stream is then read again and decided again.
 */
final class ShardFailover implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(ShardFailover.class);
  private static final int ATTEMPTS = 5;

  private final StreamCatalog catalog;
  private final ClusterDirectory directory;
  private final LeadershipState leadership;
  private final EventLoop loop;
  private final CoordinatorMetrics metrics;
  private final String brokersPath;
  private final CuratorCache cache;

  ShardFailover(CuratorFramework zk, ZkPaths paths, StreamCatalog catalog, ClusterDirectory directory,
      LeadershipState leadership, EventLoop loop, CoordinatorMetrics metrics) {
    this.catalog = catalog;
    this.directory = directory;
    this.leadership = leadership;
    this.loop = loop;
    this.metrics = metrics;
    this.brokersPath = paths.brokers();
    this.cache = CuratorCache.build(zk, brokersPath);
  }

  /** Starts watching; {@code onBrokerJoined} gets, on the loop of a leader, each broker that registers. */
  void start(IntConsumer onBrokerJoined) {
    cache.listenable().addListener(CuratorCacheListener.builder()
        .forCreates(node -> changed(node, onBrokerJoined))
        .forDeletes(node -> changed(node, null))
        .afterInitialized()
        .build());
    cache.start();
  }

  private void changed(ChildData node, IntConsumer onJoined) {
    if (node.getPath().equals(brokersPath) || !leadership.isLeader()) {
      return; // a new leader reconciles at the start of its term
    }
    loop.execute(() -> {
      reconcile();
      if (onJoined != null && leadership.isLeader()) {
        onJoined.accept(Integer.parseInt(node.getPath().substring(brokersPath.length() + 1)));
      }
    });
  }

  /** On the loop: brings every shard in line with the live brokers, under the current term. */
  void reconcile() {
    try {
      leadership.act(term -> {
        Set<Integer> live = directory.liveBrokers().keySet();
        for (String stream : catalog.streamNames()) {
          reconcile(stream, live, term);
        }
        return null;
      });
    } catch (TributaryException e) {
      // The shards keep their metadata; the next broker change or term reconciles them again.
      LOG.warn("could not fail over shards: {}", e.describe());
    }
  }

  private void reconcile(String stream, Set<Integer> live, Term term) {
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      List<VersionedShard> read = new ArrayList<>();
      List<ShardMetadata> changed = new ArrayList<>();
      for (VersionedShard shard : catalog.versionedShards(stream)) {
        ShardMetadata next = LeaderElection.apply(shard.shard(), live, term.epoch());
        if (next != shard.shard()) {
          read.add(shard);
          changed.add(next);
        }
      }
      if (changed.isEmpty()) {
        return;
      }
      Failure failure = catalog.writeShards(stream, read, changed, term);
      if (failure == null) {
        report(stream, read, changed);
        return;
      }
      if (failure.code() != KeeperException.Code.BADVERSION && failure.code() != KeeperException.Code.NONODE) {
        throw failure.asError("failing over shards of stream '" + stream + "'");
      }
      LOG.debug("shards of stream '{}' changed while failing over ({}); reading them again", stream, failure.code());
    }
    LOG.warn("shards of stream '{}' kept changing during {} failover attempts; the next broker change retries",
        stream, ATTEMPTS);
  }

  private void report(String stream, List<VersionedShard> read, List<ShardMetadata> changed) {
    for (int i = 0; i < changed.size(); i++) {
      ShardMetadata before = read.get(i).shard();
      ShardMetadata after = changed.get(i);
      if (before.leader() != after.leader()) {
        metrics.failover();
        LOG.info("stream '{}' shard {}: leader {} -> {} under leader epoch {} (in sync: {})", stream,
            after.shardId(), name(before.leader()), name(after.leader()), after.leaderEpoch(), after.inSyncReplicas());
      } else {
        LOG.info("stream '{}' shard {}: in-sync replicas {} -> {} (lost brokers)", stream, after.shardId(),
            before.inSyncReplicas(), after.inSyncReplicas());
      }
    }
  }

  private static String name(int broker) {
    return broker == ShardMetadata.NO_LEADER ? "none" : Integer.toString(broker);
  }

  @Override
  public void close() {
    cache.close();
  }
}

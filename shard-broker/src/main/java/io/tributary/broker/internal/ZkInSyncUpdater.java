package io.tributary.broker.internal;

import com.google.common.util.concurrent.MoreExecutors;
import io.tributary.common.stream.MetadataJson;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.common.zk.ZkPaths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * Writes the in-sync sets a leading broker decides, to the shard nodes in ZooKeeper, on its own
 * thread. Each write is a compare-and-set on the node version, made only if the node still holds
 * exactly the metadata the leader acted under (so it still names this broker leader under that
 * epoch, and no coordinator change is overwritten). A lost race is not retried: the leader learns
 * the newer metadata from the watcher and decides again. Thread-safe.
 */
final class ZkInSyncUpdater implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(ZkInSyncUpdater.class);

  /** Receives what was written, with the node version it now has. */
  @FunctionalInterface
  interface Written {
    void written(String stream, ShardMetadata metadata, int version);
  }

  private final CuratorFramework zk;
  private final ZkPaths paths;
  private final int self;
  private final Written written;
  private final ExecutorService executor;

  ZkInSyncUpdater(CuratorFramework zk, ZkPaths paths, int self, Written written) {
    this.zk = zk;
    this.paths = paths;
    this.self = self;
    this.written = written;
    this.executor = Executors.newSingleThreadExecutor(new NamedThreads("broker-" + self + "-in-sync"));
  }

  /** Queues a proposal; returns at once. */
  void propose(String stream, ShardMetadata base, List<Integer> inSync) {
    try {
      executor.execute(() -> write(stream, base, inSync));
    } catch (RejectedExecutionException stopping) {
      LOG.debug("in-sync set {} of shard {} of stream '{}' not written: the broker is stopping", inSync,
          base.shardId(), stream);
    }
  }

  private void write(String stream, ShardMetadata base, List<Integer> inSync) {
    String path = paths.shard(stream, base.shardId());
    try {
      Stat stat = new Stat();
      ShardMetadata current = MetadataJson.read(zk.getData().storingStatIn(stat).forPath(path), ShardMetadata.class);
      if (current.leader() != self || !current.equals(base)) {
        LOG.debug("in-sync set {} of {} not written: the node moved on to {}", inSync, path, current);
        return;
      }
      ShardMetadata next = base.withInSyncReplicas(inSync);
      Stat after = zk.setData().withVersion(stat.getVersion()).forPath(path, MetadataJson.write(next));
      LOG.info("shard {} of stream '{}' (epoch {}): in-sync replicas {} -> {}", base.shardId(), stream,
          base.leaderEpoch(), base.inSyncReplicas(), inSync);
      written.written(stream, next, after.getVersion());
    } catch (KeeperException.BadVersionException | KeeperException.NoNodeException lostRace) {
      LOG.debug("in-sync set {} of {} not written: {}", inSync, path, lostRace.getMessage());
    } catch (Exception e) {
      LOG.warn("cannot write in-sync set {} of shard {} of stream '{}' to ZooKeeper: {}; the leader proposes it "
          + "again on its next check", inSync, base.shardId(), stream, e.getMessage());
    }
  }

  @Override
  public void close() {
    MoreExecutors.shutdownAndAwaitTermination(executor, Duration.ofSeconds(5));
  }
}

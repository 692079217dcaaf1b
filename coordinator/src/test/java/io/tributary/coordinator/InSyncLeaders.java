package io.tributary.coordinator;

import io.tributary.common.stream.MetadataJson;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.common.zk.ZkPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * Plays the shard leaders' part in a reassignment: every few milliseconds, adds each replica that is
 * not yet in sync to the in-sync set, by compare-and-set on the shard node, as a leader broker does
 * once a follower caught up. Thread-safe; closes its thread.
 */
final class InSyncLeaders implements AutoCloseable {
  private final CuratorFramework zk;
  private final ZkPaths paths;
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();

  InSyncLeaders(CuratorFramework zk, ZkPaths paths) {
    this.zk = zk;
    this.paths = paths;
    thread.scheduleWithFixedDelay(this::scan, 0, 50, TimeUnit.MILLISECONDS);
  }

  private void scan() {
    try {
      for (String stream : zk.getChildren().forPath(paths.streams())) {
        for (String id : zk.getChildren().forPath(paths.shards(stream))) {
          catchUp(paths.shard(stream, id));
        }
      }
    } catch (KeeperException.NoNodeException e) {
      // a stream being created or deleted: the next scan sees it whole
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void catchUp(String path) throws Exception {
    Stat stat = new Stat();
    ShardMetadata shard = MetadataJson.read(zk.getData().storingStatIn(stat).forPath(path), ShardMetadata.class);
    if (shard.leader() == ShardMetadata.NO_LEADER || shard.inSyncReplicas().containsAll(shard.replicas())) {
      return;
    }
    List<Integer> inSync = new ArrayList<>(shard.inSyncReplicas());
    shard.replicas().stream().filter(r -> !inSync.contains(r)).forEach(inSync::add);
    try {
      zk.setData().withVersion(stat.getVersion()).forPath(path, MetadataJson.write(shard.withInSyncReplicas(inSync)));
    } catch (KeeperException.BadVersionException e) {
      // the coordinator wrote meanwhile: the next scan reads again, as a leader does
    }
  }

  @Override
  public void close() throws InterruptedException {
    thread.shutdownNow();
    thread.awaitTermination(5, TimeUnit.SECONDS);
  }
}

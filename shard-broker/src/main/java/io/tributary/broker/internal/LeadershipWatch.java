package io.tributary.broker.internal;

import io.tributary.common.stream.MetadataJson;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.common.zk.ZkPaths;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * Keeps a broker from acting as leader while its leadership is in doubt. When the ZooKeeper
 * connection is suspended or lost, or the pause ticker finds a gap (the process was stopped), it
 * fences every led shard; once connected, it re-reads each led shard's node after a sync and
 * unfences the shards it still leads under the same epoch, handing any other metadata to the
 * registry. Thread-safe: re-validation runs on the assignment executor, in order with ZooKeeper
 * events.
 *
 * <p>Without this, a broker paused past its session could append and acknowledge acks=leader
 * writes that its successor never sees.
 */
final class LeadershipWatch implements ConnectionStateListener {
  private static final Logger LOG = LogManager.getLogger(LeadershipWatch.class);
  private static final long SYNC_WAIT_SECONDS = 10;

  private final CuratorFramework zk;
  private final ZkPaths paths;
  private final ShardRegistry registry;
  private final LeadershipFence fence;
  private final Executor assignments;

  LeadershipWatch(
      CuratorFramework zk, ZkPaths paths, ShardRegistry registry, LeadershipFence fence, Executor assignments) {
    this.zk = zk;
    this.paths = paths;
    this.registry = registry;
    this.fence = fence;
    this.assignments = assignments;
  }

  /** How often the ticker should run for {@code sessionTimeout}: well inside the gap that counts as a pause. */
  static Duration tickInterval(Duration sessionTimeout) {
    return Duration.ofMillis(Math.max(10, Math.min(200, sessionTimeout.toMillis() / 9)));
  }

  /** The gap between ticks that counts as a pause: a third of the session timeout. */
  static Duration maxGap(Duration sessionTimeout) {
    return sessionTimeout.dividedBy(3);
  }

  @Override
  public void stateChanged(CuratorFramework client, ConnectionState state) {
    switch (state) {
      case SUSPENDED, LOST -> fenceAll("the ZooKeeper connection is " + state.name().toLowerCase());
      case RECONNECTED -> revalidateLater();
      default -> LOG.debug("ZooKeeper connection {}", state);
    }
  }

  /** Run by the ticker thread. */
  void tick() {
    if (fence.tick()) {
      fenceAll("the process was paused longer than a third of its ZooKeeper session timeout");
      if (zk.getZookeeperClient().isConnected()) {
        revalidateLater();
      }
    }
  }

  private void fenceAll(String why) {
    fence.bump();
    int fenced = 0;
    for (StreamState stream : registry.streams()) {
      for (LedShard shard : stream.led().values()) {
        shard.fence(LeadershipFence.revalidating(shard.name()));
        fenced++;
      }
    }
    LOG.warn("broker {}: {}; {} led shard(s) refuse writes until ZooKeeper confirms their leadership",
        registry.brokerId(), why, fenced);
  }

  private void revalidateLater() {
    try {
      assignments.execute(this::revalidate);
    } catch (RejectedExecutionException stopping) {
      LOG.debug("leadership not re-validated: the broker is stopping");
    }
  }

  /** Re-reads every fenced led shard's node; unfences those still led here under the same epoch. */
  void revalidate() {
    try {
      sync();
    } catch (Exception e) {
      LOG.warn("broker {} cannot sync with ZooKeeper to re-validate its leadership: {}; its shards stay fenced "
          + "until the connection is back", registry.brokerId(), e.getMessage());
      return;
    }
    for (StreamState stream : registry.streams()) {
      for (LedShard shard : stream.led().values()) {
        if (shard.fenced() != null) {
          revalidate(stream, shard);
        }
      }
    }
  }

  private void revalidate(StreamState stream, LedShard shard) {
    String path = paths.shard(stream.name(), shard.shardId());
    try {
      Stat stat = new Stat();
      ShardMetadata current = MetadataJson.read(zk.getData().storingStatIn(stat).forPath(path), ShardMetadata.class);
      if (current.leader() == registry.brokerId() && current.leaderEpoch() == shard.leaderEpoch()) {
        shard.unfence();
        LOG.info("broker {} still leads {} under epoch {}; takes writes again", registry.brokerId(), shard.name(),
            current.leaderEpoch());
      }
      registry.shardChanged(stream.name(), current, stat.getVersion());
    } catch (KeeperException.NoNodeException gone) {
      registry.shardRemoved(stream.name(), shard.shardId());
    } catch (Exception e) {
      LOG.warn("broker {} cannot re-read {} from ZooKeeper: {}; the shard stays fenced until the connection is "
          + "back", registry.brokerId(), path, e.getMessage());
    }
  }

  private void sync() throws Exception {
    CountDownLatch synced = new CountDownLatch(1);
    zk.sync().inBackground((client, event) -> synced.countDown()).forPath(paths.streams());
    if (!synced.await(SYNC_WAIT_SECONDS, TimeUnit.SECONDS)) {
      throw new IllegalStateException("no answer to sync within " + SYNC_WAIT_SECONDS + "s");
    }
  }
}

package io.tributary.cli.it;

import io.tributary.common.stream.MetadataJson;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.common.zk.ZkPaths;
import io.tributary.common.zk.ZooKeeperClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;

/**
 * Watches, with a ZooKeeper client of the test's own, the shard nodes of every stream of a cluster
 * and runs an action the moment the first shard a given broker leads shows another leader under a
 * higher epoch. Then tells, read from ZooKeeper, how far the failover of that broker's shards got.
 * Thread-safe: the action runs once, on the cache's thread; everything else on the test's thread.
 *
 * <p>The action runs on the cache's thread, with no hand-over to the test's thread, so that a kill
 * it makes lands while the coordinator is still writing the rest of its failover, one ZooKeeper
 * transaction per stream.
 */
final class FailoverWatch implements AutoCloseable {
  private static final Duration ZK_TIMEOUT = Duration.ofSeconds(10);

  private final CuratorFramework zk;
  private final ZkPaths paths;
  private final int broker;
  /** The shard nodes the broker led when the watch began, by path, with their metadata then. */
  private final Map<String, ShardMetadata> led;
  private final Runnable action;
  private final AtomicBoolean acted = new AtomicBoolean();
  private final CountDownLatch actedLatch = new CountDownLatch(1);
  private volatile CuratorCache cache;
  private volatile String first;

  private FailoverWatch(CuratorFramework zk, ZkPaths paths, int broker, Map<String, ShardMetadata> led,
      Runnable action) {
    this.zk = zk;
    this.paths = paths;
    this.broker = broker;
    this.led = led;
    this.action = action;
  }

  /** Starts watching the open shards {@code broker} leads now; {@code action} runs at the first that moves. */
  static FailoverWatch start(String connect, String cluster, int broker, Runnable action) throws Exception {
    ZkPaths paths = new ZkPaths(cluster);
    CuratorFramework zk = ZooKeeperClients.connect(connect, ZK_TIMEOUT, ZK_TIMEOUT);
    FailoverWatch watch = null;
    try {
      Map<String, ShardMetadata> led = new LinkedHashMap<>();
      for (Map.Entry<String, ShardMetadata> s : readAll(zk, paths).entrySet()) {
        if (s.getValue().open() && s.getValue().leader() == broker) {
          led.put(s.getKey(), s.getValue());
        }
      }
      watch = new FailoverWatch(zk, paths, broker, Map.copyOf(led), action);
      watch.startCache();
      return watch;
    } catch (Exception e) {
      if (watch != null) {
        watch.close();
      } else {
        zk.close();
      }
      throw e;
    }
  }

  /** How many shards the broker led when the watch began. */
  int ledShards() {
    return led.size();
  }

  /** Waits (bounded) until the action ran; returns whether it did. */
  boolean awaitActed(Duration atMost) throws InterruptedException {
    return actedLatch.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The shard whose move fired the action, or null before. */
  String first() {
    return first;
  }

  /** How many of the broker's shards have another leader under a higher epoch now, read from ZooKeeper. */
  Progress progress() throws Exception {
    return progress(s -> true);
  }

  /**
   * As {@link #progress()}, counting as failed over only shards whose new leader is registered and
   * in sync: the failover is complete when every one is.
   */
  Progress completion() throws Exception {
    Set<String> live = Set.copyOf(zk.getChildren().forPath(paths.brokers()));
    return progress(s -> live.contains(Integer.toString(s.leader())) && s.inSyncReplicas().contains(s.leader()));
  }

  private Progress progress(Predicate<ShardMetadata> healthy) throws Exception {
    List<String> pending = new ArrayList<>();
    List<Long> terms = new ArrayList<>();
    for (Map.Entry<String, ShardMetadata> s : led.entrySet()) {
      ShardMetadata now = MetadataJson.read(zk.getData().forPath(s.getKey()), ShardMetadata.class);
      if (moved(s.getValue(), now) && healthy.test(now)) {
        terms.add(now.coordinatorEpoch());
      } else {
        pending.add(name(s.getKey()) + " (leader " + now.leader() + ", epoch " + now.leaderEpoch() + ")");
      }
    }
    return new Progress(terms.size(), led.size(), terms, pending);
  }

  /**
   * Where a failover stands.
   *
   * @param terms the coordinator term that wrote each shard failed over
   * @param pending the shards not (yet) failed over, with their leader and epoch
   */
  record Progress(int movedCount, int total, List<Long> terms, List<String> pending) {
    boolean complete() {
      return movedCount == total;
    }

    @Override
    public String toString() {
      String some = pending.size() <= 3 ? pending.toString() : pending.subList(0, 3) + " and " + (pending.size() - 3) + " more";
      return movedCount + " of " + total + " failed over" + (pending.isEmpty() ? "" : ", pending " + some);
    }
  }

  @Override
  public void close() {
    CuratorCache c = cache;
    if (c != null) {
      c.close();
    }
    zk.close();
  }

  private void startCache() throws InterruptedException {
    CountDownLatch initialized = new CountDownLatch(1);
    CuratorCache c = CuratorCache.build(zk, paths.streams());
    c.listenable().addListener(CuratorCacheListener.builder()
        .forChanges((before, after) -> changed(after))
        .forInitialized(initialized::countDown)
        .build());
    cache = c;
    c.start();
    if (!initialized.await(ZK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("the watch of the shard nodes did not load within " + ZK_TIMEOUT);
    }
  }

  private void changed(ChildData node) {
    ShardMetadata before = led.get(node.getPath());
    if (before == null || acted.get() || node.getData() == null) {
      return;
    }
    if (moved(before, MetadataJson.read(node.getData(), ShardMetadata.class)) && acted.compareAndSet(false, true)) {
      action.run();
      first = name(node.getPath());
      actedLatch.countDown();
    }
  }

  private boolean moved(ShardMetadata before, ShardMetadata now) {
    return now.leader() != broker && now.leader() != ShardMetadata.NO_LEADER && now.leaderEpoch() > before.leaderEpoch();
  }

  /** "stream/shard" of a shard node's path. */
  private String name(String path) {
    String rest = path.substring(paths.streams().length() + 1);
    return rest.replace("/shards/", "/");
  }

  private static Map<String, ShardMetadata> readAll(CuratorFramework zk, ZkPaths paths) throws Exception {
    Map<String, ShardMetadata> shards = new LinkedHashMap<>();
    for (String stream : zk.getChildren().forPath(paths.streams())) {
      for (String shard : zk.getChildren().forPath(paths.shards(stream))) {
        String path = paths.shard(stream, shard);
        shards.put(path, MetadataJson.read(zk.getData().forPath(path), ShardMetadata.class));
      }
    }
    return shards;
  }
}

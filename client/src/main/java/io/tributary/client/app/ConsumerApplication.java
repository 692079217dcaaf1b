package io.tributary.client.app;

import io.tributary.client.Position;
import io.tributary.client.TributaryClient;
import io.tributary.client.internal.Names;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.StreamNames;
import io.tributary.common.zk.ZkPaths;
import io.tributary.proto.v1.ShardInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.zookeeper.CreateMode;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One instance of a consumer application (the Kinesis Client Library analogue): registers itself
 * as a member in ZooKeeper, and every balance interval takes free shard leases up to its fair share
 * or gives surplus ones up, running a {@link ShardWorker} per held lease. Leases are ephemeral, so
 * a dead instance's leases end with its ZooKeeper session and others take them over from the last
 * checkpoint. Thread-safe; the balancing runs on one thread of its own.
 */
public final class ConsumerApplication implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(ConsumerApplication.class);

  private final TributaryClient client;
  private final String stream;
  private final String app;
  private final String instanceId;
  private final RecordProcessorFactory factory;
  private final ApplicationOptions options;
  private final ZooKeeperSession session;
  private final LeaseStore store;
  private final PersistentNode member;
  private final Map<String, ShardWorker> workers = new ConcurrentHashMap<>();
  private final ScheduledExecutorService balancer;
  private final AtomicBoolean stopped = new AtomicBoolean();

  private ConsumerApplication(TributaryClient client, String stream, String app, String instanceId,
      RecordProcessorFactory factory, ApplicationOptions options) {
    this.client = client;
    this.stream = StreamNames.validate(stream);
    this.app = Names.check("application", app);
    this.instanceId = Names.check("instance", instanceId == null ? UUID.randomUUID().toString() : instanceId);
    this.factory = factory;
    this.options = options;
    this.session = ZooKeeperSession.open(client, options);
    ZkPaths paths = new ZkPaths(session.cluster());
    this.store = new LeaseStore(session.curator(), paths, stream, app);
    this.member = new PersistentNode(session.curator(), CreateMode.EPHEMERAL, false,
        store.memberPath(this.instanceId), this.instanceId.getBytes(StandardCharsets.UTF_8));
    this.balancer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tributary-app-" + app + "-" + this.instanceId);
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Starts an instance of application {@code app} on {@code stream}.
   *
   * @param instanceId unique among the application's live instances, or null for a random one
   */
  public static ConsumerApplication start(TributaryClient client, String stream, String app, String instanceId,
      RecordProcessorFactory factory, ApplicationOptions options) {
    ConsumerApplication a = new ConsumerApplication(client, stream, app, instanceId, factory, options);
    a.begin();
    return a;
  }

  private void begin() {
    session.curator().getConnectionStateListenable().addListener((c, state) -> connectionChanged(state));
    member.start();
    try {
      if (!member.waitForInitialCreate(options.sessionTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("member node of instance {} not created yet; balancing goes on and it is retried", instanceId);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    long period = options.balanceInterval().toMillis();
    balancer.scheduleWithFixedDelay(this::balanceSafely, 0, period, TimeUnit.MILLISECONDS);
  }

  public String instanceId() {
    return instanceId;
  }

  /** The shards this instance holds leases of right now. */
  public Set<String> heldShards() {
    return Set.copyOf(workers.keySet());
  }

  private void connectionChanged(ConnectionState state) {
    if (state == ConnectionState.LOST) {
      LOG.warn("instance {} of application '{}' lost its ZooKeeper session; its leases are gone", instanceId, app);
      workers.values().forEach(ShardWorker::lost);
    }
  }

  private void balanceSafely() {
    try {
      balance();
    } catch (TributaryException e) {
      LOG.warn("balancing leases of application '{}' failed ({}); trying again in {} ms", app, e.describe(),
          options.balanceInterval().toMillis());
    } catch (RuntimeException e) {
      LOG.error("balancing leases of application '{}' failed unexpectedly; trying again", app, e);
    }
  }

  private void balance() {
    if (stopped.get() || !session.curator().getZookeeperClient().isConnected()) {
      return;
    }
    List<ShardInfo> shards = client.describeStream(stream, false).getShardsList();
    Map<String, LeaseStore.Lease> leases = store.leases();
    for (ShardWorker w : workers.values()) {
      LeaseStore.Lease l = leases.get(w.shardId());
      if (l == null || !l.owner().equals(instanceId) || l.version() != w.leaseVersion()) {
        LOG.info("instance {} lost the lease of shard {}", instanceId, w.shardId());
        w.lost();
      }
    }
    Map<String, String> checkpoints = store.checkpoints();
    Map<String, String> owners = new java.util.HashMap<>();
    leases.forEach((shard, l) -> owners.put(shard, l.owner()));
    LeasePlan plan = LeasePlan.compute(instanceId, shards, checkpoints, owners, store.members());
    for (String shard : plan.release()) {
      ShardWorker w = workers.get(shard);
      if (w != null) {
        LOG.info("instance {} gives up shard {} (holds more than its share of {})", instanceId, shard, plan.share());
        w.requestStop();
      }
    }
    for (String shard : plan.take()) {
      if (stopped.get()) {
        return;
      }
      int version = store.acquire(shard, instanceId);
      if (version >= 0) {
        startWorker(find(shards, shard), version, checkpoints);
      }
    }
  }

  private void startWorker(ShardInfo shard, int version, Map<String, String> checkpoints) {
    String id = shard.getShardId();
    String checkpoint = store.checkpoint(id);
    Position position = checkpoint != null && !checkpoint.equals(LeaseStore.SHARD_END)
        ? Position.afterSequence(Long.parseLong(checkpoint))
        : startOf(shard, checkpoints);
    ShardWorker w = new ShardWorker(client, store, stream, id, version, position, factory.create(id), options,
        () -> workers.remove(id));
    workers.put(id, w);
    Thread t = new Thread(w, "tributary-app-" + app + "-" + id);
    t.setDaemon(true);
    t.start();
    LOG.info("instance {} of application '{}' leased shard {} from {}", instanceId, app, id, position);
  }

  /** Children of consumed shards start at their beginning; other shards at the initial position. */
  private Position startOf(ShardInfo shard, Map<String, String> checkpoints) {
    for (String parent : shard.getParentShardIdsList()) {
      if (LeaseStore.SHARD_END.equals(checkpoints.get(parent))) {
        return Position.trimHorizon();
      }
    }
    return options.initialPosition();
  }

  private static ShardInfo find(List<ShardInfo> shards, String id) {
    return shards.stream().filter(s -> s.getShardId().equals(id)).findFirst().orElseThrow();
  }

  /**
   * Stops gracefully: each processor may checkpoint in shutdownRequested, the leases are released
   * and the member node removed, so other instances take the shards over at once.
   */
  public void shutdown() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    stopBalancer();
    workers.values().forEach(ShardWorker::requestStop);
    awaitWorkers(options.shutdownTimeout());
    try {
      member.close();
    } catch (java.io.IOException e) {
      LOG.warn("could not remove the member node of instance {} ({}); it ends with the session", instanceId, e);
    }
    session.close();
  }

  /** Stops at once, without callbacks or ZooKeeper cleanup, as a crashed process would: its leases expire. */
  void halt() {
    stopped.set(true);
    stopBalancer();
    workers.values().forEach(ShardWorker::halt);
    awaitWorkers(Duration.ofSeconds(10));
    session.abandon();
  }

  private void stopBalancer() {
    balancer.shutdown();
    try {
      if (!balancer.awaitTermination(options.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        balancer.shutdownNow();
      }
    } catch (InterruptedException e) {
      balancer.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private void awaitWorkers(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (ShardWorker w : List.copyOf(workers.values())) {
      try {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !w.awaitExit(Duration.ofNanos(left))) {
          LOG.warn("shard worker of {} did not stop within {} ms; its lease ends with the session", w.shardId(),
              timeout.toMillis());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void close() {
    shutdown();
  }
}

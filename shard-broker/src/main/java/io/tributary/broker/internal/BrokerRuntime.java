package io.tributary.broker.internal;

import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.Server;
import io.tributary.broker.BrokerConfig;
import io.tributary.common.config.CommonKeys;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import io.tributary.common.grpc.GrpcServers;
import io.tributary.common.metrics.MetricsServer;
import io.tributary.common.metrics.ProcessMetrics;
import io.tributary.common.stream.MetadataJson;
import io.tributary.common.zk.EphemeralRegistration;
import io.tributary.common.zk.Registrations;
import io.tributary.common.zk.ZkPaths;
import io.tributary.common.zk.ZooKeeperClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import org.apache.curator.framework.CuratorFramework;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A running broker, wired: shard store, registry, gRPC services (shard data and replication),
 * replica fetchers, in-sync writer, leadership watch, ZooKeeper assignments and registration,
 * retention, heartbeat, replication and pause-detection tasks. Thread-safe.
 *
 * <p>Start order makes the broker serve before it is announced; stop order reverses that, so clients
 * stop finding the broker before its logs close.
 */
public final class BrokerRuntime implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(BrokerRuntime.class);
  private static final Duration ZK_WAIT = Duration.ofSeconds(30);
  private static final int SUBSCRIPTION_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());
  private static final int FETCH_ANSWER_THREADS = 2;
  private static final long REPLICA_TICK_MILLIS = 200;

  private final int id;
  private final String address;
  private final Parts parts;

  /** What a running broker holds; each part is closed in {@link #close()}. */
  private record Parts(
      ShardRegistry registry, ExecutorService assignments, ExecutorService pumps, ScheduledExecutorService scheduler,
      Server server, CuratorFramework zk, AssignmentWatcher watcher, EphemeralRegistration registration,
      MetricsServer metrics, Replication replication) {}

  /** The replication parts, each closed in {@link #close()}. */
  private record Replication(
      ReplicaFetchers fetchers, ZkInSyncUpdater inSync, ExecutorService fetchAnswers, ScheduledExecutorService ticker) {}

  private BrokerRuntime(int id, String address, Parts parts) {
    this.id = id;
    this.address = address;
    this.parts = parts;
  }

  /** Starts a broker and returns once it serves and is registered. */
  public static BrokerRuntime start(BrokerConfig config, Clock clock) {
    Deque<AutoCloseable> started = new ArrayDeque<>();
    try {
      return start(config, clock, started);
    } catch (RuntimeException e) {
      while (!started.isEmpty()) {
        closeAfterFailure(started.pop(), e);
      }
      throw e;
    }
  }

  private static BrokerRuntime start(BrokerConfig config, Clock clock, Deque<AutoCloseable> started) {
    int id = config.id();
    ChronicleShardStore store =
        new ChronicleShardStore(streamsDir(config), RollCycleNames.forName(config.rollCycle()), clock);
    ProcessMetrics metrics = new ProcessMetrics();
    CuratorFramework zk = ZooKeeperClients.connect(config.zookeeper(), config.zkSessionTimeout(), ZK_WAIT);
    started.push(zk::close);
    ZkPaths paths = new ZkPaths(config.cluster());
    ExecutorService assignments = Executors.newSingleThreadExecutor(new NamedThreads("broker-" + id + "-assignments"));
    started.push(() -> stop(assignments));
    Holder holder = new Holder();
    ZkInSyncUpdater inSync = new ZkInSyncUpdater(zk, paths, id,
        (stream, shard, version) -> execute(assignments, () -> holder.registry.shardChanged(stream, shard, version)));
    started.push(inSync);
    ReplicaFetchers fetchers = new ReplicaFetchers(id, config.replication(), new BrokerAddresses(zk, paths)::address);
    started.push(fetchers);
    ShardRegistry registry = new ShardRegistry(id, store, config.quotas(), config.producerStates(),
        new BrokerMetrics(metrics.registry()), clock,
        new ReplicationWiring(config.replication(), System::nanoTime, fetchers, inSync::propose));
    holder.registry = registry;
    BrokerMetrics.registerGauges(metrics.registry(), registry);
    started.push(() -> registry.closeAll(stopping(id)));
    ExecutorService pumps =
        Executors.newFixedThreadPool(SUBSCRIPTION_THREADS, new NamedThreads("broker-" + id + "-subscriptions"));
    started.push(() -> stop(pumps));
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(new NamedThreads("broker-" + id + "-scheduler"));
    started.push(() -> stop(scheduler));
    ExecutorService fetchAnswers =
        Executors.newFixedThreadPool(FETCH_ANSWER_THREADS, new NamedThreads("broker-" + id + "-fetch-answers"));
    started.push(() -> stop(fetchAnswers));
    LeadershipFence fence =
        new LeadershipFence(System::nanoTime, LeadershipWatch.maxGap(config.zkSessionTimeout()));
    LeadershipWatch watch = new LeadershipWatch(zk, paths, registry, fence, assignments);
    zk.getConnectionStateListenable().addListener(watch);
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(new NamedThreads("broker-" + id + "-ticker"));
    started.push(() -> stop(ticker));
    long tickMillis = LeadershipWatch.tickInterval(config.zkSessionTimeout()).toMillis();
    ticker.scheduleAtFixedRate(watch::tick, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
    ticker.scheduleWithFixedDelay(() -> tickReplicas(registry), REPLICA_TICK_MILLIS, REPLICA_TICK_MILLIS,
        TimeUnit.MILLISECONDS);
    Subscriptions subscriptions =
        new Subscriptions(registry, new RegisteredConsumers(registeredIn(zk, paths)), pumps, scheduler, clock,
            config.heartbeatInterval());
    ShardDataService service =
        new ShardDataService(new Writes(registry, fence), new Reads(registry, new ShardIteratorCodec(clock), clock),
            subscriptions);
    ReplicationService replicationService = new ReplicationService(registry, fetchAnswers, scheduler);
    Server server = GrpcServers.start(config.host(), config.port(), List.of(service, replicationService));
    started.push(() -> GrpcServers.stop(server));
    String address = config.host() + ":" + server.getPort();
    AssignmentWatcher watcher = new AssignmentWatcher(zk, paths, registry, assignments);
    started.push(watcher::close);
    watcher.start(ZK_WAIT);
    EphemeralRegistration registration = EphemeralRegistration.register(zk, paths.broker(id),
        MetadataJson.write(new Registrations.Broker(id, address)), "broker " + id + " at " + address, "broker.id", ZK_WAIT);
    long retentionMillis = config.retentionCheckInterval().toMillis();
    scheduler.scheduleWithFixedDelay(
        new RetentionTask(registry, clock), retentionMillis, retentionMillis, TimeUnit.MILLISECONDS);
    long heartbeatMillis = Math.max(1, config.heartbeatInterval().toMillis() / 2);
    scheduler.scheduleWithFixedDelay(subscriptions::heartbeat, heartbeatMillis, heartbeatMillis, TimeUnit.MILLISECONDS);
    MetricsServer metricsServer = serveMetrics(config, metrics, started);
    LOG.info("broker {} serves at {} with data in {}", id, address, config.dir());
    return new BrokerRuntime(id, address,
        new Parts(registry, assignments, pumps, scheduler, server, zk, watcher, registration, metricsServer,
            new Replication(fetchers, inSync, fetchAnswers, ticker)));
  }

  /** The registry, once built, for the in-sync writer built before it. */
  private static final class Holder {
    private volatile ShardRegistry registry;
  }

  /** Times out waiting writes and lets leaders shrink their in-sync sets; a failure must not stop the task. */
  private static void tickReplicas(ShardRegistry registry) {
    for (StreamState stream : registry.streams()) {
      for (LedShard shard : stream.led().values()) {
        try {
          shard.replica().tick();
        } catch (RuntimeException e) {
          LOG.error("replication check of {} failed", shard.name(), e);
        }
      }
    }
  }

  private static void execute(ExecutorService executor, Runnable task) {
    try {
      executor.execute(task);
    } catch (java.util.concurrent.RejectedExecutionException stopping) {
      LOG.debug("not applied: the broker is stopping");
    }
  }

  /** Null when metrics are off. */
  private static MetricsServer serveMetrics(BrokerConfig config, ProcessMetrics metrics, Deque<AutoCloseable> started) {
    if (config.metricsPort() < 0) {
      return null;
    }
    MetricsServer server =
        MetricsServer.start(config.host(), config.metricsPort(), metrics.registry(), CommonKeys.METRICS_PORT.name());
    started.push(server);
    LOG.info("broker {} serves metrics at {}", config.id(), server.url());
    return server;
  }

  public int id() {
    return id;
  }

  public String address() {
    return address;
  }

  /** The port of the metrics endpoint, or -1 if metrics are off. */
  public int metricsPort() {
    return parts.metrics() == null ? -1 : parts.metrics().port();
  }

  @Override
  public synchronized void close() {
    if (parts.scheduler().isShutdown()) {
      return;
    }
    parts.registration().close();
    parts.server().shutdown();
    parts.watcher().close();
    parts.replication().fetchers().close();
    stop(parts.assignments());
    parts.registry().closeAll(stopping(id));
    stop(parts.pumps());
    stop(parts.replication().ticker());
    GrpcServers.stop(parts.server());
    stop(parts.replication().fetchAnswers());
    stop(parts.scheduler());
    parts.replication().inSync().close();
    parts.zk().close();
    if (parts.metrics() != null) {
      parts.metrics().close();
    }
    LOG.info("broker {} stopped", id);
  }

  private static BiPredicate<String, String> registeredIn(CuratorFramework zk, ZkPaths paths) {
    return (stream, consumer) -> {
      try {
        return zk.checkExists().forPath(paths.registeredConsumer(stream, consumer)) != null;
      } catch (Exception e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    };
  }

  private static Path streamsDir(BrokerConfig config) {
    Path dir = config.dir().resolve("streams");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create the data directory " + dir + ": " + e.getMessage() + "; check server.dir", e);
    }
    return dir;
  }

  private static TributaryException stopping(int id) {
    return Errors.unavailable("broker " + id + " is stopping; reconnect to the shard's leader once it is back");
  }

  private static void stop(ExecutorService executor) {
    MoreExecutors.shutdownAndAwaitTermination(executor, Duration.ofSeconds(5));
  }

  private static void closeAfterFailure(AutoCloseable part, RuntimeException failure) {
    try {
      part.close();
    } catch (Exception e) {
      failure.addSuppressed(e);
    }
  }
}

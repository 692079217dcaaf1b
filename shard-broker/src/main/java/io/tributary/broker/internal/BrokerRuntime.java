package io.tributary.broker.internal;

import io.tributary.common.zk.Registrations;
import io.tributary.common.stream.MetadataJson;
import io.tributary.common.zk.EphemeralRegistration;
import io.grpc.Server;
import io.tributary.broker.BrokerConfig;
import io.tributary.common.config.CommonKeys;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import io.tributary.common.grpc.GrpcServers;
import io.tributary.common.metrics.MetricsServer;
import io.tributary.common.metrics.ProcessMetrics;
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
 * A running broker, wired: shard store, registry, gRPC service, ZooKeeper assignments and
 * registration, retention and heartbeat tasks. Thread-safe.
 *
 * <p>Start order makes the broker serve before it is announced; stop order reverses that, so clients
 * stop finding the broker before its logs close.
 */
public final class BrokerRuntime implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(BrokerRuntime.class);
  private static final Duration ZK_WAIT = Duration.ofSeconds(30);
  private static final int SUBSCRIPTION_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

  private final int id;
  private final String address;
  private final Parts parts;

  /** What a running broker holds; each part is closed in {@link #close()}. */
  private record Parts(
      ShardRegistry registry, ExecutorService assignments, ExecutorService pumps, ScheduledExecutorService scheduler,
      Server server, CuratorFramework zk, AssignmentWatcher watcher, EphemeralRegistration registration,
      MetricsServer metrics) {}

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
    ShardRegistry registry = new ShardRegistry(
        id, store, config.quotas(), config.producerStates(), new BrokerMetrics(metrics.registry()), clock);
    BrokerMetrics.registerGauges(metrics.registry(), registry);
    started.push(() -> registry.closeAll(stopping(id)));
    ExecutorService assignments = Executors.newSingleThreadExecutor(new NamedThreads("broker-" + id + "-assignments"));
    started.push(() -> stop(assignments));
    ExecutorService pumps =
        Executors.newFixedThreadPool(SUBSCRIPTION_THREADS, new NamedThreads("broker-" + id + "-subscriptions"));
    started.push(() -> stop(pumps));
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(new NamedThreads("broker-" + id + "-scheduler"));
    started.push(() -> stop(scheduler));
    CuratorFramework zk = ZooKeeperClients.connect(config.zookeeper(), config.zkSessionTimeout(), ZK_WAIT);
    started.push(zk::close);
    ZkPaths paths = new ZkPaths(config.cluster());
    Subscriptions subscriptions =
        new Subscriptions(registry, new RegisteredConsumers(registeredIn(zk, paths)), pumps, scheduler, clock,
            config.heartbeatInterval());
    ShardDataService service =
        new ShardDataService(new Writes(registry), new Reads(registry, new ShardIteratorCodec(clock), clock),
            subscriptions);
    Server server = GrpcServers.start(config.host(), config.port(), List.of(service));
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
        new Parts(registry, assignments, pumps, scheduler, server, zk, watcher, registration, metricsServer));
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
    stop(parts.assignments());
    parts.registry().closeAll(stopping(id));
    stop(parts.pumps());
    GrpcServers.stop(parts.server());
    stop(parts.scheduler());
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
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static void closeAfterFailure(AutoCloseable part, RuntimeException failure) {
    try {
      part.close();
    } catch (Exception e) {
      failure.addSuppressed(e);
    }
  }
}

package io.tributary.coordinator;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.tributary.common.grpc.ErrorMappingInterceptor;
import io.tributary.coordinator.delivery.DeliveryAdminService;
import io.tributary.coordinator.delivery.DeliveryCatalog;
import io.tributary.coordinator.delivery.DeliveryCommands;
import io.tributary.coordinator.delivery.DeliveryDescriber;
import io.tributary.coordinator.jobs.JobControlService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import io.tributary.common.config.CommonKeys;
import io.tributary.common.grpc.GrpcServers;
import io.tributary.common.metrics.MetricsServer;
import io.tributary.common.metrics.ProcessMetrics;
import io.tributary.common.zk.Registrations;
import io.tributary.common.zk.ZkPaths;
import io.tributary.common.zk.ZooKeeperClients;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.curator.framework.CuratorFramework;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A running coordinator: joins the leader election, serves StreamAdmin, ClusterAdmin, JobControl and
 * DeliveryAdmin.
 * Thread-safe.
 *
 * <p>It wires the parts and owns their lifetimes; what a coordinator does lives in the parts.
 */
public final class CoordinatorServer implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(CoordinatorServer.class);
  private static final Duration ZK_CONNECT_WAIT = Duration.ofSeconds(15);
  private static final Duration CHANGE_BOUND = Duration.ofSeconds(30);
  private static final Duration SHARD_STATS_DEADLINE = Duration.ofSeconds(2);

  private final String id;
  private final String address;
  private final CuratorFramework zk;
  private final LeadershipState leadership;
  private final OnDemandScaler scaler;
  private final int metricsPort;
  private final Deque<AutoCloseable> closeInOrder;
  private final AtomicBoolean closed = new AtomicBoolean();

  private CoordinatorServer(String id, String address, CuratorFramework zk, LeadershipState leadership,
      OnDemandScaler scaler, int metricsPort, Deque<AutoCloseable> closeInOrder) {
    this.scaler = scaler;
    this.metricsPort = metricsPort;
    this.id = id;
    this.address = address;
    this.zk = zk;
    this.leadership = leadership;
    this.closeInOrder = closeInOrder;
  }

  /** Starts a coordinator; returns once it serves requests (as leader or standby). */
  public static CoordinatorServer start(CoordinatorConfig config, Clock clock) {
    Deque<AutoCloseable> opened = new ArrayDeque<>(); // closed last-opened first
    try {
      CuratorFramework zk =
          ZooKeeperClients.connect(config.zookeeper(), config.zkSessionTimeout(), ZK_CONNECT_WAIT);
      opened.push(zk);
      ZkPaths paths = new ZkPaths(config.cluster());
      ClusterDirectory directory = new ClusterDirectory(zk, paths);
      directory.ensureLayout();
      StreamCatalog catalog = new StreamCatalog(zk, paths);
      LeaderWatch leaderWatch = new LeaderWatch(zk, paths);
      opened.push(leaderWatch);
      leaderWatch.start();
      LeadershipState leadership =
          new LeadershipState(() -> leaderWatch.leader().map(Registrations.Leader::address).orElse(""));
      ProcessMetrics processMetrics = new ProcessMetrics();
      CoordinatorMetrics metrics = new CoordinatorMetrics(processMetrics.registry());
      CoordinatorMetrics.registerGauges(processMetrics.registry(), leadership, catalog, directory);
      EventLoop loop = new EventLoop("coordinator-event-loop", CHANGE_BOUND);
      opened.push(loop);
      ShardStatsClient stats = new ShardStatsClient(SHARD_STATS_DEADLINE, () -> leadership.epoch().orElse(0));
      opened.push(stats);
      StreamCommands commands = new StreamCommands(catalog, directory, leadership, loop, clock);
      ReshardCatalog reshardCatalog = new ReshardCatalog(zk, paths);
      ConsumerCatalog consumerCatalog = new ConsumerCatalog(zk, paths);
      ReshardCompletion completion =
          new ReshardCompletion(catalog, directory, stats, leadership, loop, config.reshardWait());
      opened.push(completion);
      ReshardCommands reshards =
          new ReshardCommands(catalog, reshardCatalog, directory, leadership, loop, completion, metrics, clock);
      ConsumerCommands consumers = new ConsumerCommands(catalog, consumerCatalog, leadership, loop, clock);
      StreamRules rules =
          new StreamRules(config.maxShardsPerStream(), config.defaultRetentionHours(), config.onDemand());
      ClusterReassignments reassignments = new ClusterReassignments(catalog, directory, leadership, loop,
          new ReplicaMover(catalog, leadership, loop, config.replicaCatchUpWait(), System::nanoTime), metrics);
      opened.push(reassignments);
      ShardFailover failover = new ShardFailover(zk, paths, catalog, directory, leadership, loop, metrics);
      opened.push(failover);
      failover.start(config.autoRebalance() ? reassignments::rebalanceForNewBroker : broker -> { });
      StreamDescriber describer = new StreamDescriber(catalog, directory, stats, reshardCatalog, consumerCatalog);
      AtomicReference<String> self = new AtomicReference<>("");
      JobParts jobs = JobParts.start(config, zk, paths, leadership, self::get, processMetrics, clock, opened);
      Server server = startServer(config, metrics.counted(List.of(
          new StreamAdminService(rules, commands, describer, reshards, consumers),
          new ClusterAdminService(
              new ClusterStatusReader(config.cluster(), config.zookeeper(), catalog, directory, jobs.manager()::list),
              reassignments),
          jobs.service(),
          deliveryAdmin(zk, paths, leadership, new DeliveryBackingStreams(rules, commands, catalog), jobs, clock))));
      opened.push(() -> GrpcServers.stop(server));
      String address = config.host() + ":" + server.getPort();
      self.set(address);
      String id = config.id().orElse(address);
      CoordinatorElection election = new CoordinatorElection(zk, paths, new Registrations.Coordinator(id, address),
          new LeaderTerms(zk, paths), leadership, loop, () -> {
            commands.finishPendingDeletes();
            reshards.finishPendingReshards();
            failover.reconcile();
            jobs.manager().takeOver();
          });
      opened.push(election);
      election.start();
      OnDemandScaler scaler = onDemandScaler(config.onDemand(), leadership, catalog, reshardCatalog, reshards,
          new BrokerRateSource(directory, stats), clock);
      opened.push(scaler);
      scaler.start();
      int metricsPort = serveMetrics(config, processMetrics, id, opened);
      LOG.info("coordinator {} serves cluster '{}' on {}", id, config.cluster(), address);
      return new CoordinatorServer(id, address, zk, leadership, scaler, metricsPort, opened);
    } catch (Exception e) {
      closeAll(opened);
      if (e instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("coordinator could not join the election: " + e.getMessage(), e);
    }
  }

  private static DeliveryAdminService deliveryAdmin(CuratorFramework zk, ZkPaths paths, LeadershipState state,
      DeliveryBackingStreams streams, JobParts jobs, Clock clock) {
    JobLeadership leadership = new JobLeadership(zk, paths, state);
    DeliveryCatalog catalog = new DeliveryCatalog(zk, paths, leadership);
    return new DeliveryAdminService(new DeliveryCommands(leadership, catalog, streams, jobs.managed(), clock),
        new DeliveryDescriber(catalog, jobs.managed()));
  }

  /**
   * Like {@link GrpcServers#start}, with room for job jars: JobControl accepts jars up to 256 MiB,
   * which the shared 32 MiB message limit would refuse.
   */
  private static Server startServer(CoordinatorConfig config, List<BindableService> services) {
    NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(config.host(), config.port()))
        .maxInboundMessageSize(JobControlService.MAX_REQUEST_BYTES)
        .permitKeepAliveTime(10, TimeUnit.SECONDS)
        .permitKeepAliveWithoutCalls(true);
    ErrorMappingInterceptor errors = new ErrorMappingInterceptor();
    services.forEach(service -> builder.addService(ServerInterceptors.intercept(service, errors)));
    try {
      return builder.build().start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + config.host() + ":" + config.port() + ": "
          + e.getMessage(), e);
    }
  }

  /** Starts the metrics endpoint if configured; returns its port, or -1. */
  private static int serveMetrics(
      CoordinatorConfig config, ProcessMetrics metrics, String id, Deque<AutoCloseable> opened) {
    if (config.metricsPort() < 0) {
      return -1;
    }
    MetricsServer server =
        MetricsServer.start(config.host(), config.metricsPort(), metrics.registry(), CommonKeys.METRICS_PORT.name());
    opened.push(server);
    LOG.info("coordinator {} serves metrics at {}", id, server.url());
    return server.port();
  }

  private static OnDemandScaler onDemandScaler(OnDemandSettings settings, LeadershipState leadership,
      StreamCatalog catalog, ReshardCatalog reshardCatalog, ReshardCommands reshards, BrokerRateSource rates,
      Clock clock) {
    OnDemandScaler.Streams streams = new OnDemandScaler.Streams() {
      @Override
      public List<StreamSnapshot> all() {
        return catalog.all();
      }

      @Override
      public long lastScalingMillis(String stream) {
        return reshardCatalog.history(stream).lastMillis();
      }
    };
    OnDemandScaler.Actions actions = new OnDemandScaler.Actions() {
      @Override
      public void split(String stream, String shardId, String reason) {
        reshards.split(stream, shardId, Optional.empty(), ReshardPlanner.Origin.scaler(reason));
      }

      @Override
      public void merge(String stream, String shardId, String adjacentShardId, String reason) {
        reshards.merge(stream, shardId, adjacentShardId, ReshardPlanner.Origin.scaler(reason));
      }
    };
    return new OnDemandScaler(settings, leadership::isLeader, streams, rates, actions, clock);
  }

  public String id() {
    return id;
  }

  /** HOST:PORT of the gRPC server. */
  public String address() {
    return address;
  }

  /** The port of the Prometheus {@code /metrics} endpoint on the coordinator's host, or -1 if metrics are off. */
  public int metricsPort() {
    return metricsPort;
  }

  /** Whether this coordinator acts as leader now (elected, and its term begun). */
  public boolean isLeader() {
    return leadership.isLeader();
  }

  /** The epoch this coordinator leads under, when it is the leader. */
  public OptionalLong leaderEpoch() {
    return leadership.epoch();
  }

  /**
   * Runs the on-demand scaler once now, as its timer does every coordinator.on-demand.interval; for
   * tests that step the clock. Does nothing on a standby.
   */
  public void runOnDemandScaler() {
    scaler.runOnce();
  }

  /** Its ZooKeeper client, for tests that cut the session. */
  CuratorFramework zooKeeper() {
    return zk;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      closeAll(closeInOrder);
      LOG.info("coordinator {} stopped", id);
    }
  }

  private static void closeAll(Deque<AutoCloseable> opened) {
    while (!opened.isEmpty()) {
      AutoCloseable next = opened.pop();
      try {
        next.close();
      } catch (Exception e) {
        // Keep closing the rest: a half-closed coordinator would keep its ZooKeeper session alive.
        LOG.warn("error while stopping the coordinator: {}", e.toString());
      }
    }
  }
}

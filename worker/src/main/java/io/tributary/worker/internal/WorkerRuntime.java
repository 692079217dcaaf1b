package io.tributary.worker.internal;

import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.Server;
import io.tributary.common.config.CommonKeys;
import io.tributary.common.grpc.GrpcServers;
import io.tributary.common.metrics.MetricsServer;
import io.tributary.common.metrics.ProcessMetrics;
import io.tributary.common.stream.MetadataJson;
import io.tributary.common.zk.EphemeralRegistration;
import io.tributary.common.zk.Registrations;
import io.tributary.common.zk.ZkPaths;
import io.tributary.common.zk.ZooKeeperClients;
import io.tributary.proto.v1.DataExchangeGrpc;
import io.tributary.worker.WorkerConfig;
import io.tributary.worker.connectors.ClientStreamConnector;
import io.tributary.worker.exchange.ExchangeEnvironment;
import io.tributary.worker.exchange.KryoCodecRegistry;
import io.tributary.worker.report.CoordinatorLocator;
import io.tributary.worker.report.CoordinatorTaskReporter;
import io.tributary.worker.task.TaskExchange;
import io.tributary.worker.task.TaskServices;
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
import org.apache.curator.framework.CuratorFramework;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A running worker, wired: gRPC server (TaskControl, DataExchange), data exchange, subtasks,
 * reporter, ZooKeeper registration and metrics. Thread-safe.
 *
 * <p>Start order makes the worker serve before it is announced; stop order reverses that, so the
 * coordinator stops placing subtasks here before they are canceled.
 */
public final class WorkerRuntime implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(WorkerRuntime.class);
  private static final Duration ZK_WAIT = Duration.ofSeconds(30);

  private final String id;
  private final String address;
  private final TaskTable table;
  private final Deque<AutoCloseable> parts;
  private final MetricsServer metrics;
  private boolean closed;

  private WorkerRuntime(String id, String address, TaskTable table, Deque<AutoCloseable> parts, MetricsServer metrics) {
    this.id = id;
    this.address = address;
    this.table = table;
    this.parts = parts;
    this.metrics = metrics;
  }

  public static WorkerRuntime start(WorkerConfig config, Clock clock, WorkerSettings settings) {
    Deque<AutoCloseable> started = new ArrayDeque<>();
    try {
      return start(config, clock, settings, started);
    } catch (RuntimeException e) {
      while (!started.isEmpty()) {
        try {
          started.pop().close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  private static WorkerRuntime start(WorkerConfig config, Clock clock, WorkerSettings settings,
      Deque<AutoCloseable> started) {
    Path jobsDir = jobsDir(config);
    CuratorFramework zk = ZooKeeperClients.connect(config.zookeeper(), config.zkSessionTimeout(), ZK_WAIT);
    started.push(zk::close);
    ZkPaths paths = new ZkPaths(config.cluster());
    LateBoundService exchangeService = new LateBoundService(DataExchangeGrpc.getServiceDescriptor());
    LateBoundService controlService = new LateBoundService(io.tributary.proto.v1.TaskControlGrpc.getServiceDescriptor());
    Server server = GrpcServers.start(config.host(), config.port(), List.of(controlService, exchangeService));
    started.push(() -> GrpcServers.stop(server));
    String address = config.host() + ":" + server.getPort();
    String id = config.idFor(server.getPort());
    KryoCodecRegistry codecs = new KryoCodecRegistry();
    ExchangeEnvironment exchange = new ExchangeEnvironment(address, settings.exchange(), new WorkerCodecs(codecs));
    started.push(exchange);
    exchangeService.bind(exchange.service());
    TaskTable table = new TaskTable(id, config.slots());
    CoordinatorTaskReporter reporter =
        new CoordinatorTaskReporter(id, new CoordinatorLocator(zk, paths), table, settings.reportInterval());
    started.push(reporter);
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "worker-" + id + "-scheduler");
      t.setDaemon(true);
      return t;
    });
    started.push(() -> stop(scheduler));
    ClientStreamConnector connector = new ClientStreamConnector(zk, paths, clock);
    started.push(connector);
    // one thread: state files of a checkpoint are written in the order their snapshots were taken
    ExecutorService checkpointIo = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "worker-" + id + "-checkpoint-io");
      t.setDaemon(true);
      return t;
    });
    started.push(() -> stop(checkpointIo));
    TaskServices services = new TaskServices(TaskExchange.of(exchange), clock, connector, reporter, checkpointIo);
    WorkerJobs jobs = new WorkerJobs(table, reporter, new JobArtifacts(jobsDir), codecs, services,
        exchange::releaseJob, scheduler, settings.finishedLinger());
    started.push(jobs);
    controlService.bind(new TaskControlService(jobs));
    started.push(EphemeralRegistration.register(zk, paths.worker(id),
        MetadataJson.write(new Registrations.Worker(id, address, config.slots())),
        "worker " + id + " at " + address + " with " + config.slots() + " slots", "worker.id", ZK_WAIT));
    ProcessMetrics processMetrics = new ProcessMetrics();
    WorkerMetrics.register(processMetrics.registry(), table);
    MetricsServer metricsServer = null;
    if (config.metricsPort() >= 0) {
      metricsServer = MetricsServer.start(config.host(), config.metricsPort(), processMetrics.registry(),
          CommonKeys.METRICS_PORT.name());
      started.push(metricsServer);
      LOG.info("worker {} serves metrics at {}", id, metricsServer.url());
    }
    LOG.info("worker {} serves at {} with {} slots", id, address, config.slots());
    return new WorkerRuntime(id, address, table, started, metricsServer);
  }

  public String id() {
    return id;
  }

  public String address() {
    return address;
  }

  public int slots() {
    return table.slots();
  }

  public int freeSlots() {
    return table.slots() - table.used();
  }

  public int metricsPort() {
    return metrics == null ? -1 : metrics.port();
  }

  /** Unregisters, cancels the subtasks (bounded), then stops the exchange, server and ZooKeeper session. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    RuntimeException failure = null;
    while (!parts.isEmpty()) {
      try {
        parts.pop().close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("worker " + id + " did not stop cleanly: " + e.getMessage(), e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    LOG.info("worker {} stopped", id);
    if (failure != null) {
      throw failure;
    }
  }

  private static Path jobsDir(WorkerConfig config) {
    Path dir = config.dir().resolve("jobs");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create the worker directory " + dir + ": " + e.getMessage() + "; check server.dir", e);
    }
    return dir;
  }

  private static void stop(ExecutorService executor) {
    MoreExecutors.shutdownAndAwaitTermination(executor, Duration.ofSeconds(5));
  }
}

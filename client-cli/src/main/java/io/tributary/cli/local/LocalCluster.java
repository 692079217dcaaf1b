package io.tributary.cli.local;

import io.tributary.common.io.Directories;
import io.tributary.broker.BrokerConfig;
import io.tributary.broker.BrokerServer;
import io.tributary.cli.process.ServerKeys;
import io.tributary.common.config.CommonKeys;
import io.tributary.common.config.Configuration;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.coordinator.CoordinatorConfig;
import io.tributary.coordinator.CoordinatorServer;
import io.tributary.worker.WorkerConfig;
import io.tributary.worker.WorkerServer;
import java.net.BindException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A whole cluster in one JVM: an embedded ZooKeeper, one or more coordinators, N brokers and M
 * workers, each with its own gRPC server on loopback, so that every request takes the same hops as
 * in a real cluster. Serves {@code trib local} and the integration tests. Thread-safe (changes are
 * synchronized).
 * <p>Data lives under one directory: {@code zookeeper/}, {@code coordinator-<i>/},
 * {@code broker-<id>/}, {@code worker-<i>/}, and checkpoint storage shared by all in {@code checkpoints/}. A temporary directory is deleted on close; a given one
 * is kept. Workers listen on free ports: jobs find them through their ZooKeeper registration.
 */
public final class LocalCluster implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(LocalCluster.class);

  private final LocalClusterSettings settings;
  private final Path dir;
  private final boolean deleteDir;
  private final EmbeddedZooKeeper zookeeper;
  private final CoordinatorServer[] coordinators;
  private final Map<Integer, BrokerServer> brokers = new TreeMap<>();
  private final Map<Integer, WorkerServer> workers = new TreeMap<>();
  private final Map<Integer, Integer> brokerPorts = new HashMap<>();
  private final Map<Integer, Integer> coordinatorPorts = new HashMap<>();
  private boolean closed;

  private LocalCluster(LocalClusterSettings settings, Path dir, boolean deleteDir, EmbeddedZooKeeper zookeeper) {
    this.settings = settings;
    this.dir = dir;
    this.deleteDir = deleteDir;
    this.zookeeper = zookeeper;
    this.coordinators = new CoordinatorServer[settings.coordinators()];
  }

  public static LocalClusterBuilder builder() {
    return new LocalClusterBuilder();
  }

  /** Starts every process and returns once a coordinator leads and sees every broker and worker. */
  static LocalCluster start(LocalClusterSettings settings, Path dir, boolean deleteDir) {
    try {
      return startProcesses(settings, dir, deleteDir);
    } catch (RuntimeException e) {
      if (deleteDir) {
        Directories.deleteRecursively(dir);
      }
      if (settings.ports().base() != 0 && addressInUse(e)) {
        throw new TributaryException(ErrorCode.UNAVAILABLE, "a port of the local cluster is taken ("
            + e.getMessage() + "); choose another --port-base, or 0 for free ports", e);
      }
      throw e;
    }
  }

  private static LocalCluster startProcesses(LocalClusterSettings settings, Path dir, boolean deleteDir) {
    EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(
        dir.resolve("zookeeper"), "127.0.0.1", settings.ports().zookeeper(), true, settings.startWait());
    LocalCluster cluster = new LocalCluster(settings, dir, deleteDir, zk);
    try {
      for (int i = 0; i < settings.coordinators(); i++) {
        cluster.startCoordinator(i);
      }
      for (int id = 0; id < settings.brokers(); id++) {
        cluster.startBroker(id);
      }
      for (int i = 0; i < settings.workers(); i++) {
        cluster.startWorker(i);
      }
      cluster.awaitReady();
    } catch (RuntimeException e) {
      try {
        cluster.close();
      } catch (RuntimeException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
    LOG.info("local cluster '{}' ready: coordinators at {}, {} broker(s), {} worker(s) with {} slots each,"
            + " ZooKeeper at {}, data in {}{}",
        settings.cluster(), cluster.coordinatorAddress(), settings.brokers(), settings.workers(), settings.slots(),
        zk.connectString(), dir, deleteDir ? " (deleted at exit)" : "");
    return cluster;
  }

  private void awaitReady() {
    ReadinessProbe probe = new ReadinessProbe(coordinatorAddresses(), settings.startWait());
    if (settings.workers() == 0) {
      probe.await(settings.brokers(), 0, this::anyCoordinatorLeads, () -> 0);
      return;
    }
    try (RegisteredWorkers registered =
        new RegisteredWorkers(zookeeper.connectString(), settings.cluster(), settings.startWait())) {
      probe.await(settings.brokers(), settings.workers(), this::anyCoordinatorLeads, () -> registered.ids().size());
    }
  }

  /** Every live coordinator's address, comma-separated: a value for {@code --coordinator}. */
  public synchronized String coordinatorAddress() {
    return String.join(",", coordinatorAddresses());
  }

  public synchronized List<String> coordinatorAddresses() {
    List<String> addresses = new ArrayList<>();
    for (CoordinatorServer c : coordinators) {
      if (c != null) {
        addresses.add(c.address());
      }
    }
    return addresses;
  }

  public String zookeeperConnect() {
    return zookeeper.connectString();
  }

  public String clusterName() {
    return settings.cluster();
  }

  public Path dir() {
    return dir;
  }

  public synchronized Optional<BrokerServer> broker(int id) {
    return Optional.ofNullable(brokers.get(id));
  }

  public synchronized List<Integer> brokerIds() {
    return List.copyOf(brokers.keySet());
  }

  public synchronized Optional<CoordinatorServer> coordinator(int index) {
    return Optional.ofNullable(coordinators[index]);
  }

  /** Starts broker {@code id} (again), on its earlier port and directory if it ran before. */
  public synchronized BrokerServer startBroker(int id) {
    checkOpen();
    if (brokers.containsKey(id)) {
      throw new IllegalStateException("broker " + id + " is already running");
    }
    int port = brokerPorts.getOrDefault(id, settings.ports().broker(id));
    Map<String, String> keys = new HashMap<>(common(port, dir.resolve("broker-" + id)));
    keys.put(ServerKeys.BROKER_ID, Integer.toString(id));
    keys.put(ServerKeys.QUOTA_ENABLED, Boolean.toString(settings.quotas()));
    keys.putAll(settings.settings());
    BrokerServer broker = BrokerServer.start(new BrokerConfig(Configuration.of(keys)), settings.clock());
    brokers.put(id, broker);
    brokerPorts.put(id, portOf(broker.address()));
    return broker;
  }

  /** Stops broker {@code id} as a clean shutdown would; its data stays. */
  public synchronized void stopBroker(int id) {
    BrokerServer broker = brokers.remove(id);
    if (broker == null) {
      throw new IllegalStateException("broker " + id + " is not running; running: " + brokers.keySet());
    }
    broker.close();
  }

  public synchronized Optional<WorkerServer> worker(int index) {
    return Optional.ofNullable(workers.get(index));
  }

  /** Indexes of the running workers; worker {@code i} has the id {@code worker-<i>}. */
  public synchronized List<Integer> workerIndexes() {
    return List.copyOf(workers.keySet());
  }

  /** Starts worker {@code index} (again) with its directory {@code worker-<index>/}, on a free port. */
  public synchronized WorkerServer startWorker(int index) {
    checkOpen();
    if (workers.containsKey(index)) {
      throw new IllegalStateException("worker " + index + " is already running");
    }
    Map<String, String> keys = new HashMap<>(common(0, dir.resolve("worker-" + index)));
    keys.put(WorkerConfig.ID.name(), "worker-" + index);
    keys.put(WorkerConfig.SLOTS.name(), Integer.toString(settings.slots()));
    keys.putAll(settings.settings());
    WorkerServer worker = WorkerServer.start(new WorkerConfig(Configuration.of(keys)), settings.clock());
    workers.put(index, worker);
    return worker;
  }

  /** Stops worker {@code index} as a clean shutdown would. */
  public synchronized void stopWorker(int index) {
    WorkerServer worker = workers.remove(index);
    if (worker == null) {
      throw new IllegalStateException("worker " + index + " is not running; running: " + workers.keySet());
    }
    worker.close();
  }

  /** Starts coordinator {@code index} (again), on its earlier port if it ran before. */
  public synchronized CoordinatorServer startCoordinator(int index) {
    checkOpen();
    if (coordinators[index] != null) {
      throw new IllegalStateException("coordinator " + index + " is already running");
    }
    int port = coordinatorPorts.getOrDefault(index, settings.ports().coordinator(index));
    Map<String, String> keys = new HashMap<>(common(port, dir.resolve("coordinator-" + index)));
    keys.put(ServerKeys.COORDINATOR_ID, "coordinator-" + index);
    keys.putAll(settings.settings());
    CoordinatorServer coordinator =
        CoordinatorServer.start(new CoordinatorConfig(Configuration.of(keys)), settings.clock());
    coordinators[index] = coordinator;
    coordinatorPorts.put(index, portOf(coordinator.address()));
    return coordinator;
  }

  public synchronized void stopCoordinator(int index) {
    CoordinatorServer coordinator = coordinators[index];
    if (coordinator == null) {
      throw new IllegalStateException("coordinator " + index + " is not running");
    }
    coordinators[index] = null;
    coordinator.close();
  }

  /**
   * Stops workers (so that no subtask outlives its coordinator), brokers, coordinators and
   * ZooKeeper, in that order; deletes a temporary directory.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<AutoCloseable> order = new ArrayList<>(workers.values());
    workers.clear();
    order.addAll(brokers.values());
    brokers.clear();
    for (int i = 0; i < coordinators.length; i++) {
      if (coordinators[i] != null) {
        order.add(coordinators[i]);
        coordinators[i] = null;
      }
    }
    order.add(zookeeper);
    RuntimeException failure = closeAll(order);
    if (deleteDir) {
      try {
        Directories.deleteRecursively(dir);
      } catch (RuntimeException e) {
        failure = chain(failure, e);
      }
    }
    if (failure != null) {
      throw failure;
    }
    LOG.info("local cluster '{}' stopped", settings.cluster());
  }

  private static boolean addressInUse(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
        return true;
      }
    }
    return false;
  }

  private boolean anyCoordinatorLeads() {
    synchronized (this) {
      for (CoordinatorServer c : coordinators) {
        if (c != null && c.isLeader()) {
          return true;
        }
      }
      return false;
    }
  }

  /** What every process shares; one checkpoint directory, because each coordinator and worker must reach every checkpoint. */
  private Map<String, String> common(int port, Path processDir) {
    return Map.of(
        CommonKeys.ZOOKEEPER.name(), zookeeper.connectString(),
        CommonKeys.CLUSTER.name(), settings.cluster(),
        CommonKeys.HOST.name(), "127.0.0.1",
        CommonKeys.PORT.name(), Integer.toString(port),
        CommonKeys.DIR.name(), processDir.toString(),
        CommonKeys.CHECKPOINT_DIR.name(), checkpointDir().toString());
  }

  /** The checkpoint storage every process of this cluster uses: {@code checkpoints/} unless set otherwise. */
  public Path checkpointDir() {
    String configured = settings.settings().get(CommonKeys.CHECKPOINT_DIR.name());
    return configured == null || configured.isBlank() ? dir.resolve("checkpoints") : Path.of(configured);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the local cluster is closed");
    }
  }

  private static int portOf(String address) {
    return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
  }

  private static RuntimeException closeAll(List<AutoCloseable> resources) {
    RuntimeException failure = null;
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        failure = chain(failure, e instanceof RuntimeException re ? re : new IllegalStateException(e));
      }
    }
    return failure;
  }

  private static RuntimeException chain(RuntimeException first, RuntimeException next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }
}

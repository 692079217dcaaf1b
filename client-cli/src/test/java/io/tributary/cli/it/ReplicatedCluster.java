package io.tributary.cli.it;

import static org.awaitility.Awaitility.await;

import io.tributary.client.ClientOptions;
import io.tributary.client.TributaryClient;
import io.tributary.common.testing.FreePorts;
import io.tributary.proto.v1.CoordinatorInfo;
import io.tributary.proto.v1.ShardInfo;
import io.tributary.proto.v1.ShardState;
import io.tributary.proto.v1.StreamDescription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A replicated cluster of real processes of the distribution: a {@code trib zookeeper}, two
 * coordinators and brokers, each with its own data directory and a port fixed for the cluster's
 * life, so that any process can be killed (kill -9), paused (SIGSTOP), resumed and started again
 * where it was. ZooKeeper sessions time out after {@link #SESSION_TIMEOUT}, so failover is quick.
 * Confined to the test's thread (the processes' output readers are their own).
 */
final class ReplicatedCluster implements AutoCloseable {
  static final Duration SESSION_TIMEOUT = Duration.ofSeconds(4);
  static final Duration WAIT = Duration.ofSeconds(90);
  private static final AtomicInteger CLUSTERS = new AtomicInteger();

  private final Path dir;
  /**
   * Unique per cluster, so that a process some earlier cluster left behind, whose ZooKeeper port
   * this cluster's ZooKeeper happens to reuse, cannot pass for one of this cluster's brokers.
   */
  private final String clusterName = "replication-it-" + ProcessHandle.current().pid() + "-" + CLUSTERS.incrementAndGet();
  private final Map<String, Integer> ports = new LinkedHashMap<>();
  private final Map<String, TribProcess> processes = new LinkedHashMap<>();
  private final TributaryClient client;
  private final EngineCli cli;

  private ReplicatedCluster(Path dir) {
    this.dir = dir;
    this.client = TributaryClient.connect(new ClientOptions(List.of(address("c1"), address("c2")), Duration.ofSeconds(10)));
    this.cli = new EngineCli(dir, address("c1") + "," + address("c2"));
  }

  /** Starts ZooKeeper, coordinators c1 and c2 and brokers 1..{@code brokers}; waits until all brokers registered. */
  static ReplicatedCluster start(Path dir, int brokers) throws Exception {
    ReplicatedCluster cluster = new ReplicatedCluster(dir);
    try {
      cluster.startZooKeeper();
      cluster.startCoordinator("c1");
      cluster.startCoordinator("c2");
      for (int id = 1; id <= brokers; id++) {
        cluster.startBroker(id);
      }
      cluster.awaitBrokers(brokers);
    } catch (Throwable e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  TributaryClient client() {
    return client;
  }

  EngineCli cli() {
    return cli;
  }

  void startZooKeeper() throws Exception {
    start("zk", "zookeeper", "--dir", dir.resolve("zk").toString(), "--port", String.valueOf(port("zk")));
  }

  void startCoordinator(String name) throws Exception {
    start(name, "coordinator", "--zookeeper", address("zk"), "--cluster", clusterName, "--dir", dir.resolve(name).toString(),
        "--port", String.valueOf(port(name)));
  }

  void startBroker(int id) throws Exception {
    String name = broker(id);
    start(name, "broker", "--zookeeper", address("zk"), "--cluster", clusterName, "--dir", brokerDir(id).toString(),
        "--port", String.valueOf(port(name)), "--id", String.valueOf(id), "--no-quotas");
  }

  static String broker(int id) {
    return "b" + id;
  }

  Path brokerDir(int id) {
    return dir.resolve(broker(id));
  }

  /** The fixed {@code HOST:PORT} of a process of this cluster. */
  String address(String name) {
    return "127.0.0.1:" + port(name);
  }

  /** The name the cluster's processes register under in ZooKeeper. */
  String name() {
    return clusterName;
  }

  /** The process id of a running process of this cluster. */
  long pid(String name) {
    return processes.get(name).pid();
  }

  boolean running(String name) {
    TribProcess p = processes.get(name);
    return p != null && p.alive();
  }

  /** kill -9: the process gets no chance to flush, deregister or close anything. */
  void kill9(String name) throws InterruptedException {
    processes.remove(name).kill9();
  }

  /** SIGTERM and a bounded wait: a clean shutdown. */
  void terminate(String name) throws InterruptedException {
    processes.remove(name).close();
  }

  /** SIGSTOP: the process is frozen, its sockets stay open, its ZooKeeper session runs out. */
  void pause(String name) throws Exception {
    signal(name, "-STOP");
  }

  /** SIGCONT for a paused process. */
  void resume(String name) throws Exception {
    signal(name, "-CONT");
  }

  /** The name (c1 or c2) of the coordinator leading now, once one leads. */
  String leadingCoordinator() {
    String[] leader = new String[1];
    await().atMost(WAIT).ignoreExceptions().until(() -> {
      for (CoordinatorInfo c : client.clusterStatus().getCoordinatorsList()) {
        if (c.getLeader()) {
          leader[0] = c.getAddress().equals(address("c1")) ? "c1" : c.getAddress().equals(address("c2")) ? "c2" : null;
        }
      }
      return leader[0] != null;
    });
    return leader[0];
  }

  void awaitBrokers(int count) {
    await().atMost(WAIT).ignoreExceptions().until(() -> client.clusterStatus().getBrokersCount() == count);
  }

  StreamDescription describe(String stream) {
    return client.describeStream(stream, false);
  }

  ShardInfo shard(String stream, String shardId) {
    return describe(stream).getShardsList().stream().filter(s -> s.getShardId().equals(shardId)).findFirst()
        .orElseThrow();
  }

  /** Waits (bounded) until the description satisfies {@code condition}; returns it. */
  StreamDescription awaitDescription(String stream, String what, Predicate<StreamDescription> condition) {
    StreamDescription[] last = new StreamDescription[1];
    await(what).atMost(WAIT).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
      last[0] = describe(stream);
      return condition.test(last[0]);
    });
    return last[0];
  }

  /** Waits until every open shard has a leader and all its replicas in sync. */
  StreamDescription awaitFullIsr(String stream) {
    return awaitDescription(stream, "every shard of '" + stream + "' led with its full ISR", d -> d.getShardsList()
        .stream()
        .filter(s -> s.getState() == ShardState.OPEN)
        .allMatch(s -> s.getLeaderBrokerId() >= 0 && !s.getLeaderAddress().isEmpty()
            && s.getInSyncReplicasCount() == s.getReplicasCount()));
  }

  /**
   * Waits until the replicas of every shard are in sync, stops every broker cleanly, and compares
   * their logs; returns the differences (empty when every replica holds the same bytes).
   */
  List<String> stopBrokersAndCompareReplicas(String stream) throws InterruptedException {
    StreamDescription d = awaitFullIsr(stream);
    String behind = ReplicaCatchUp.awaitLevel(d, Duration.ofSeconds(60));
    for (String name : new ArrayList<>(processes.keySet())) {
      if (name.startsWith("b")) {
        terminate(name);
      }
    }
    List<String> differences = new ArrayList<>(ReplicaLogs.differences(d, this::brokerDir));
    if (behind != null && !differences.isEmpty()) {
      differences.add(behind);
    }
    return differences;
  }

  /** What the cluster looked like: the CLI's describe JSON of the stream and every process's log tail. */
  String diagnostics(String stream) {
    StringBuilder out = new StringBuilder("\n==== diagnostics\n");
    try {
      EngineCli.Result r = cli.run(Duration.ofSeconds(60), "--output", "json", "stream", "describe", stream);
      out.append("trib stream describe ").append(stream).append(": ").append(r).append('\n');
    } catch (Exception e) {
      out.append("describe failed: ").append(e).append('\n');
    }
    if (running("zk")) {
      out.append("ZooKeeper holds:\n").append(ZooKeeperView.describe(address("zk"), clusterName, stream));
    }
    for (Map.Entry<String, TribProcess> p : processes.entrySet()) {
      out.append("---- ").append(p.getKey()).append(p.getValue().alive() ? " (running)" : " (ended)").append('\n')
          .append(p.getValue().tail()).append('\n');
    }
    return out.toString();
  }

  /** The whole log of a process that runs or ran in this cluster. */
  String log(String name) throws IOException {
    return Files.readString(dir.resolve(name + ".log"));
  }

  @Override
  public void close() throws Exception {
    client.close();
    List<String> names = new ArrayList<>(processes.keySet());
    for (int i = names.size() - 1; i >= 0; i--) {
      TribProcess p = processes.remove(names.get(i));
      signalIfPaused(p);
      p.close();
    }
  }

  private void start(String name, String role, String... args) throws Exception {
    Map<String, String> env = Map.of("TRIB_ZOOKEEPER_SESSION_TIMEOUT", SESSION_TIMEOUT.toSeconds() + "s",
        "TRIB_COORDINATOR_ID", name);
    List<String> command = new ArrayList<>();
    command.add(role);
    command.addAll(List.of(args));
    TribProcess p = TribProcess.start(name, dir, env, command.toArray(String[]::new));
    processes.put(name, p);
    p.awaitReady();
  }

  private int port(String name) {
    return ports.computeIfAbsent(name, n -> FreePorts.next());
  }

  private void signal(String name, String signal) throws Exception {
    TribProcess p = processes.get(name);
    Process kill = new ProcessBuilder("kill", signal, String.valueOf(p.pid())).inheritIO().start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IllegalStateException("kill " + signal + " " + p.pid() + " (" + name + ") failed");
    }
  }

  /** A paused process ignores SIGTERM until it runs again, so every process gets SIGCONT first. */
  private static void signalIfPaused(TribProcess p) throws Exception {
    if (p.alive()) {
      new ProcessBuilder("kill", "-CONT", String.valueOf(p.pid())).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
    }
  }
}

package io.tributary.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.cli.output.Json;
import io.tributary.client.ClientOptions;
import io.tributary.client.TributaryClient;
import io.tributary.proto.v1.CoordinatorInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.curator.test.TestingServer;

/**
 * Real processes of the distribution for the checkpointing ITs: ZooKeeper (in the test), two
 * coordinators, one broker and three workers with two slots each, every one given the same
 * checkpoint directory. Processes can be killed with kill -9 and workers started again.
 * Confined to the test's thread.
 */
final class CheckpointCluster implements AutoCloseable {
  static final Duration QUICK = Duration.ofSeconds(60);
  private static final String CLUSTER = "checkpoint-it";
  private static final int SLOTS = 2;

  private final Path dir;
  private final TestingServer zookeeper;
  private final Map<String, TribProcess> processes = new LinkedHashMap<>();
  private final List<String> coordinators = new ArrayList<>();
  private final TributaryClient client;
  private final EngineCli cli;

  CheckpointCluster(Path dir) throws Exception {
    this.dir = dir;
    this.zookeeper = new TestingServer(true);
    try {
      for (String id : List.of("c1", "c2")) {
        coordinators.add(start(id, "coordinator", "--port", "0"));
      }
      start("b1", "broker", "--id", "1", "--port", "0", "--no-quotas");
      for (String id : List.of("w1", "w2", "w3")) {
        startWorker(id);
      }
    } catch (Exception e) {
      stopProcesses(e);
      throw e;
    }
    client = TributaryClient.connect(new ClientOptions(coordinators, Duration.ofSeconds(20)));
    await().atMost(QUICK).until(() -> client.clusterStatus().getBrokersCount() == 1);
    cli = new EngineCli(dir, String.join(",", coordinators));
  }

  private void stopProcesses(Exception failure) {
    for (TribProcess p : processes.values()) {
      try {
        p.close();
      } catch (Exception e) {
        failure.addSuppressed(e);
      }
    }
    try {
      zookeeper.close();
    } catch (Exception e) {
      failure.addSuppressed(e);
    }
  }

  TributaryClient client() {
    return client;
  }

  EngineCli cli() {
    return cli;
  }

  Path checkpointDir() {
    return dir.resolve("checkpoints");
  }

  void startWorker(String id) throws Exception {
    start(id, "worker", "--id", id, "--port", "0", "--slots", String.valueOf(SLOTS));
  }

  void kill9(String name) throws InterruptedException {
    processes.remove(name).kill9();
  }

  /** The process name (c1 or c2) of the coordinator that leads now. */
  String leader() {
    for (CoordinatorInfo c : client.clusterStatus().getCoordinatorsList()) {
      if (c.getLeader()) {
        int index = coordinators.indexOf(c.getAddress());
        assertThat(index).as("leader %s among %s", c.getAddress(), coordinators).isNotNegative();
        return "c" + (index + 1);
      }
    }
    throw new IllegalStateException("no coordinator leads");
  }

  /** Everything a process logged so far. */
  String log(String name) throws java.io.IOException {
    return processes.get(name).wholeLog();
  }

  JsonNode describe(String id) throws Exception {
    EngineCli.Result result = cli.run(QUICK, "--output", "json", "job", "describe", id);
    assertThat(result.exit()).as("%s", result).isZero();
    return Json.MAPPER.readTree(result.out());
  }

  /** Workers running subtasks of the job, by id. */
  static Set<String> workersOf(JsonNode job) {
    Set<String> workers = new TreeSet<>();
    job.get("vertices").forEach(v -> v.get("subtasks").forEach(s -> {
      if (s.get("state").asText().equals("RUNNING")) {
        workers.add(s.get("workerId").asText());
      }
    }));
    return workers;
  }

  static boolean allRunning(JsonNode job) {
    if (!job.get("state").asText().equals("RUNNING")) {
      return false;
    }
    for (JsonNode v : job.get("vertices")) {
      for (JsonNode s : v.get("subtasks")) {
        if (!s.get("state").asText().equals("RUNNING")) {
          return false;
        }
      }
    }
    return true;
  }

  /** Ids of the job's checkpoints (not savepoints) in {@code status}, newest first. */
  static List<Long> checkpoints(JsonNode job, String status) {
    List<Long> ids = new ArrayList<>();
    for (JsonNode c : job.get("checkpoints")) {
      if (c.get("status").asText().equals(status) && !c.get("savepoint").asBoolean()) {
        ids.add(c.get("id").asLong());
      }
    }
    return ids;
  }

  /** {@code trib job run --detached}; returns the job id. */
  String runDetached(Path jar, String mainClass, int parallelism, List<String> options, String... args)
      throws Exception {
    List<String> command = new ArrayList<>(List.of("job", "run", jar.toString(), "--class", mainClass,
        "--parallelism", String.valueOf(parallelism), "--detached"));
    command.addAll(options);
    command.add("--");
    command.addAll(List.of(args));
    EngineCli.Result run = cli.run(Duration.ofSeconds(150), command.toArray(String[]::new));
    assertThat(run.exit()).as("%s", run).isZero();
    return run.outLines().get(0).strip();
  }

  private String start(String name, String role, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(role, "--zookeeper", zookeeper.getConnectString(),
        "--cluster", CLUSTER, "--dir", dir.resolve(name).toString(), "--checkpoint-dir", checkpointDir().toString()));
    command.addAll(List.of(args));
    TribProcess p = TribProcess.start(name, dir, Map.of("TRIB_ZOOKEEPER_SESSION_TIMEOUT", "4s"),
        command.toArray(String[]::new));
    processes.put(name, p);
    return p.awaitReady();
  }

  @Override
  public void close() throws Exception {
    client.close();
    for (TribProcess p : processes.values()) {
      p.close();
    }
    zookeeper.close();
  }
}

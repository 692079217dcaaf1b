package io.tributary.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.cli.output.Json;
import io.tributary.client.ClientOptions;
import io.tributary.client.TributaryClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.curator.test.TestingServer;

/**
 * Real processes of the distribution for the delivery stream ITs: ZooKeeper (in the test), one
 * coordinator, one broker and two workers with four slots each, all given the same checkpoint
 * directory, and the {@code trib delivery} commands run as processes against them. A worker can be
 * killed with kill -9 and started again. Confined to the test's thread.
 *
 * <p>Four slots per worker, so that either worker alone runs every delivery job a test class keeps
 * at once (each takes parallelism-many slots) after the other one was killed.
 */
final class DeliveryCluster implements AutoCloseable {
  static final Duration QUICK = Duration.ofSeconds(60);
  static final Duration LONG = Duration.ofMinutes(4);
  private static final String CLUSTER = "delivery-it";
  private static final int SLOTS = 4;

  private final Path dir;
  private final TestingServer zookeeper;
  private final Map<String, TribProcess> processes = new LinkedHashMap<>();
  private final TributaryClient client;
  private final EngineCli cli;

  DeliveryCluster(Path dir) throws Exception {
    this.dir = dir;
    Files.createDirectories(dir);
    this.zookeeper = new TestingServer(true);
    String coordinator;
    try {
      coordinator = start("c1", "coordinator", "--port", "0");
      start("b1", "broker", "--id", "1", "--port", "0", "--no-quotas");
      startWorker("w1");
      startWorker("w2");
    } catch (Exception e) {
      closeQuietly(e);
      throw e;
    }
    client = TributaryClient.connect(new ClientOptions(List.of(coordinator), Duration.ofSeconds(20)));
    await().atMost(QUICK).until(() -> client.clusterStatus().getBrokersCount() == 1);
    cli = new EngineCli(dir, coordinator);
  }

  TributaryClient client() {
    return client;
  }

  EngineCli cli() {
    return cli;
  }

  /** A fresh directory for a test's destination or input files. */
  Path newDir(String name) throws IOException {
    return Files.createDirectories(dir.resolve("data").resolve(name));
  }

  void startWorker(String id) throws Exception {
    start(id, "worker", "--id", id, "--port", "0", "--slots", String.valueOf(SLOTS));
  }

  void kill9(String name) throws InterruptedException {
    processes.remove(name).kill9();
  }

  /** {@code trib delivery create NAME ARGS...}, which must succeed; returns the result. */
  EngineCli.Result create(String name, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("delivery", "create", name));
    command.addAll(List.of(args));
    EngineCli.Result result = cli.run(QUICK, command.toArray(String[]::new));
    assertThat(result.exit()).as("%s", result).isZero();
    assertThat(result.out()).contains("created delivery stream " + name);
    return result;
  }

  /** {@code trib delivery put NAME} with one record per line of {@code lines} on stdin. */
  void put(String name, List<String> lines) throws Exception {
    Path input = Files.createTempFile(dir, "put-" + name, ".jsonl");
    Files.write(input, lines);
    EngineCli.Result result = cli.run(QUICK, input, "delivery", "put", name);
    assertThat(result.exit()).as("%s", result).isZero();
    assertThat(result.out()).contains("put " + lines.size() + " records");
  }

  /** {@code trib delivery describe NAME --json}. */
  JsonNode describe(String name) throws Exception {
    EngineCli.Result result = cli.run(QUICK, "delivery", "describe", name, "--json");
    assertThat(result.exit()).as("%s", result).isZero();
    return Json.MAPPER.readTree(result.out());
  }

  /** A delivery stream's metric from describe's JSON (snake_case as the metric, or camelCase). */
  static long metric(JsonNode description, String snakeCase) {
    JsonNode value = description.findValue(snakeCase);
    if (value == null) {
      value = description.findValue(camelCase(snakeCase));
    }
    assertThat(value).as("metric %s in %s", snakeCase, description).isNotNull();
    return value.asLong();
  }

  /** The id of the delivery stream's job, from describe's JSON. */
  String jobId(String name) throws Exception {
    JsonNode description = describe(name);
    JsonNode id = description.findValue("job_id");
    if (id == null) {
      id = description.findValue("jobId");
    }
    assertThat(id).as("job id in %s", description).isNotNull();
    return id.asText();
  }

  /** {@code trib job describe ID} as JSON. */
  JsonNode job(String id) throws Exception {
    EngineCli.Result result = cli.run(QUICK, "--output", "json", "job", "describe", id);
    assertThat(result.exit()).as("%s", result).isZero();
    return Json.MAPPER.readTree(result.out());
  }

  /** Deletes the delivery stream and waits until its job no longer runs, freeing its slots. */
  void delete(String name) throws Exception {
    String job = jobId(name);
    EngineCli.Result result = cli.run(QUICK, "delivery", "delete", name);
    assertThat(result.exit()).as("%s", result).isZero();
    await().atMost(QUICK).pollInterval(Duration.ofSeconds(1))
        .until(() -> Set.of("CANCELED", "FAILED", "FINISHED").contains(job(job).get("state").asText()));
  }

  /** Waits until every subtask of the delivery stream's job runs; returns the workers running them. */
  Set<String> awaitRunning(String name) throws Exception {
    String id = jobId(name);
    await().atMost(QUICK).pollInterval(Duration.ofSeconds(1)).until(() -> CheckpointCluster.allRunning(job(id)));
    return CheckpointCluster.workersOf(job(id));
  }

  /**
   * Kills one worker running the delivery stream's job with kill -9, waits until the job restarted
   * and runs again on the other worker, then starts the killed worker again; returns its name.
   */
  String killAWorkerOf(String name) throws Exception {
    String id = jobId(name);
    JsonNode before = job(id);
    String worker = CheckpointCluster.workersOf(before).iterator().next();
    int restarts = before.get("restarts").asInt();
    kill9(worker);
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
      JsonNode job = job(id);
      return job.get("restarts").asInt() > restarts && CheckpointCluster.allRunning(job);
    });
    startWorker(worker);
    return worker;
  }

  /** Everything a process logged so far (for failure messages). */
  String log(String name) throws IOException {
    return processes.get(name).wholeLog();
  }

  private static String camelCase(String snake) {
    StringBuilder out = new StringBuilder();
    boolean upper = false;
    for (char c : snake.toCharArray()) {
      if (c == '_' || c == '.') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }

  private String start(String name, String role, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(role, "--zookeeper", zookeeper.getConnectString(),
        "--cluster", CLUSTER, "--dir", dir.resolve(name).toString(),
        "--checkpoint-dir", dir.resolve("checkpoints").toString()));
    command.addAll(List.of(args));
    TribProcess p = TribProcess.start(name, dir, Map.of("TRIB_ZOOKEEPER_SESSION_TIMEOUT", "4s"),
        command.toArray(String[]::new));
    processes.put(name, p);
    return p.awaitReady();
  }

  private void closeQuietly(Exception failure) {
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

  @Override
  public void close() throws Exception {
    client.close();
    for (TribProcess p : processes.values()) {
      p.close();
    }
    zookeeper.close();
  }
}

package io.tributary.cli.it;

import static io.tributary.cli.it.CheckpointCluster.QUICK;
import static io.tributary.cli.it.CheckpointCluster.allRunning;
import static io.tributary.cli.it.CheckpointCluster.checkpoints;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.cli.output.Json;
import io.tributary.proto.v1.StreamMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints end to end on real processes (see {@link CheckpointCluster}): the KeyedCount example
 * writes every key's counts exactly once to a stream and to files through a worker kill and a
 * leader kill, and in its bounded mode leaves exactly the final counts; a savepoint carries state
 * across parallelism 2, 3 and 1. The other two tests run {@link JobWithStuckOperator}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CheckpointingIT {
  private static final Path EXAMPLES = Path.of("target", "tributary", "examples", "tributary-examples.jar");
  private static final String KEYED_COUNT = "io.tributary.examples.KeyedCount";
  private static final Duration LONG = Duration.ofMinutes(4);

  @TempDir static Path dir;
  private static CheckpointCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    assertThat(EXAMPLES).as("the distribution's example jobs").exists();
    cluster = new CheckpointCluster(dir);
  }

  /** A failed test must not leave its job holding slots that the next test needs. */
  @AfterEach
  void cancelJobsStillRunning() throws Exception {
    EngineCli.Result list = cluster.cli().run(QUICK, "--output", "json", "job", "list");
    assertThat(list.exit()).as("%s", list).isZero();
    for (JsonNode job : Json.MAPPER.readTree(list.out())) {
      String state = job.get("state").asText();
      if (state.equals("RUNNING") || state.equals("CREATED") || state.equals("RESTARTING")) {
        cancel(job.get("id").asText());
      }
    }
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void keyedCountIsExactlyOnceThroughAWorkerKillAndALeaderKill() throws Exception {
    List<String> keys = KeyedCounts.keys(1_000_000, 1_000, 7);
    Map<String, Long> expected = KeyedCounts.expected(keys);
    createStreams("events", 4, "counts", 2);
    Path output = dir.resolve("keyed-counts");
    String id = cluster.runDetached(EXAMPLES, KEYED_COUNT, 2, List.of(), "--stream", "events",
        "--output", output.toString(), "--output-stream", "counts");
    CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> produce("events", keys));

    await().atMost(LONG).pollInterval(Duration.ofSeconds(1)).until(() -> {
      JsonNode job = cluster.describe(id);
      return countedSoFar(job) >= 100_000 && !checkpoints(job, "COMPLETED").isEmpty();
    });
    String worker = CheckpointCluster.workersOf(cluster.describe(id)).iterator().next();
    cluster.kill9(worker);
    JsonNode restarted = awaitRecovered(id, 0);
    cluster.startWorker(worker);

    String leader = cluster.leader();
    cluster.kill9(leader);
    JsonNode resumed = awaitRecovered(id, restarted.get("restarts").asInt());
    assertThat(cluster.leader()).isNotEqualTo(leader);
    assertThat(resumed.get("attempt").asInt()).isGreaterThan(restarted.get("attempt").asInt());

    producing.get(3, TimeUnit.MINUTES);
    await().atMost(LONG).pollInterval(Duration.ofSeconds(3)).until(() ->
        KeyedCounts.complete(KeyedCounts.readFiles(output), expected)
            && KeyedCounts.complete(KeyedCounts.readStream(cluster.client(), "counts"), expected));
    KeyedCounts.assertExactlyOnce(KeyedCounts.readFiles(output), expected, "committed files");
    KeyedCounts.assertExactlyOnce(KeyedCounts.readStream(cluster.client(), "counts"), expected, "output stream");
    cancel(id);
  }

  @Test
  @Order(2)
  void boundedKeyedCountLeavesExactlyTheFinalCountsInCommittedFiles() throws Exception {
    List<String> keys = KeyedCounts.keys(50_000, 300, 11);
    Map<String, Long> expected = KeyedCounts.expected(keys);
    createStreams("events-bounded", 2, "counts-bounded", 2);
    produce("events-bounded", keys);
    Path output = dir.resolve("bounded-counts");

    EngineCli.Result run = cluster.cli().run(Duration.ofMinutes(3), "job", "run", EXAMPLES.toString(), "--class",
        KEYED_COUNT, "--parallelism", "2", "--", "--stream", "events-bounded", "--bounded", "--output",
        output.toString(), "--output-stream", "counts-bounded");

    assertThat(run.exit()).as("%s", run).isZero();
    assertThat(run.out()).contains("'keyed-count-bounded' FINISHED");
    Map<String, List<Long>> files = KeyedCounts.readFiles(output);
    assertThat(KeyedCounts.latest(files)).isEqualTo(expected);
    assertThat(files.values()).allSatisfy(counts -> assertThat(counts).hasSize(1));
    assertThat(KeyedCounts.latest(KeyedCounts.readStream(cluster.client(), "counts-bounded"))).isEqualTo(expected);
    try (var names = Files.list(output)) {
      assertThat(names.filter(f -> !KeyedCounts.committed(f)).toList()).as("files left uncommitted").isEmpty();
    }
  }

  @Test
  @Order(3)
  void aSavepointCarriesStateFromParallelismTwoToThreeToOne() throws Exception {
    List<String> keys = KeyedCounts.keys(60_000, 200, 13);
    createStreams("events-sp", 2, "counts-sp", 2);
    Path output = dir.resolve("savepoint-counts");
    Path savepoints = dir.resolve("savepoints");
    String savepoint = null;
    int[] parallelisms = {2, 3, 1};
    for (int run = 0; run < 3; run++) {
      List<String> part = keys.subList(run * 20_000, (run + 1) * 20_000);
      produce("events-sp", part);
      Map<String, Long> soFar = KeyedCounts.expected(keys.subList(0, (run + 1) * 20_000));
      List<String> options = savepoint == null ? List.of() : List.of("--from-savepoint", savepoint);
      String id = cluster.runDetached(EXAMPLES, KEYED_COUNT, parallelisms[run], options, "--stream", "events-sp",
          "--output", output.toString(), "--output-stream", "counts-sp");
      await().atMost(LONG).pollInterval(Duration.ofSeconds(2))
          .until(() -> KeyedCounts.complete(KeyedCounts.readFiles(output), soFar));
      if (savepoint != null) {
        JsonNode job = cluster.describe(id);
        assertThat(job.get("lastRestore").get("path").asText()).isEqualTo(savepoint);
      }
      if (run < 2) {
        EngineCli.Result stop = cluster.cli().run(QUICK, "job", "stop", id, "--savepoint-dir", savepoints.toString());
        assertThat(stop.exit()).as("%s", stop).isZero();
        savepoint = stop.outLines().get(0).strip();
        assertThat(Path.of(savepoint).resolve("_metadata")).exists();
        await().atMost(QUICK).until(() -> cluster.describe(id).get("state").asText().equals("CANCELED"));
      } else {
        cancel(id);
      }
    }
    Map<String, Long> expected = KeyedCounts.expected(keys);
    KeyedCounts.assertExactlyOnce(KeyedCounts.readFiles(output), expected, "committed files");
    KeyedCounts.assertExactlyOnce(KeyedCounts.readStream(cluster.client(), "counts-sp"), expected, "output stream");
  }

  @Test
  @Order(4)
  void aStuckOperatorTimesACheckpointOutWhichDescribeReportsAndTheNextOneCompletes() throws Exception {
    Path jar = JobTestJar.write(dir.resolve("stuck-job.jar"), JobWithStuckOperator.class);
    Path marker = dir.resolve("stuck");
    String id = cluster.runDetached(jar, JobWithStuckOperator.class.getName(), 2, List.of(),
        "--marker", marker.toString());
    await().atMost(QUICK).pollInterval(Duration.ofSeconds(1))
        .until(() -> !checkpoints(cluster.describe(id), "COMPLETED").isEmpty());

    Files.writeString(marker, "stuck");
    long failed = awaitFailedCheckpoint(id);
    EngineCli.Result text = cluster.cli().run(QUICK, "job", "describe", id);
    assertThat(text.out()).containsPattern("Checkpoint " + failed + " FAILED: .+");
    Files.delete(marker);

    await().atMost(QUICK).pollInterval(Duration.ofSeconds(1))
        .until(() -> checkpoints(cluster.describe(id), "COMPLETED").get(0) > failed);
    cancel(id);
  }

  @Test
  @Order(5)
  void recoveryFallsBackFromACorruptedLatestCheckpointAndAMissingSavepointFileIsNamed() throws Exception {
    Path jar = dir.resolve("stuck-job.jar");
    Path marker = dir.resolve("stuck-again");
    String id = cluster.runDetached(jar, JobWithStuckOperator.class.getName(), 2, List.of(),
        "--marker", marker.toString());
    await().atMost(QUICK).pollInterval(Duration.ofSeconds(1))
        .until(() -> checkpoints(cluster.describe(id), "COMPLETED").size() >= 2);
    // Stuck: no checkpoint completes any more, so the latest one stays the latest.
    Files.writeString(marker, "stuck");
    awaitFailedCheckpoint(id);
    JsonNode before = cluster.describe(id);
    long latest = checkpoints(before, "COMPLETED").get(0);
    Path corrupted = CorruptCheckpoint.truncateStateFiles(cluster.checkpointDir().resolve(id).resolve("chk-" + latest));

    String worker = CheckpointCluster.workersOf(before).iterator().next();
    cluster.kill9(worker);
    JsonNode recovered = awaitRecovered(id, before.get("restarts").asInt());
    cluster.startWorker(worker);
    assertThat(recovered.get("lastRestore").get("checkpointId").asLong()).as("restored from an older checkpoint")
        .isLessThan(latest);
    assertThat(cluster.log(cluster.leader())).as("the leader's log names the unusable checkpoint")
        .contains("chk-" + latest);
    assertThat(corrupted).as("the unusable checkpoint is left for inspection").exists();
    Files.delete(marker);
    await().atMost(QUICK).pollInterval(Duration.ofSeconds(1))
        .until(() -> checkpoints(cluster.describe(id), "COMPLETED").get(0) > latest);

    EngineCli.Result savepoint = cluster.cli().run(QUICK, "job", "savepoint", id, "--dir",
        dir.resolve("stuck-savepoints").toString());
    assertThat(savepoint.exit()).as("%s", savepoint).isZero();
    cancel(id);
    Path missing = CorruptCheckpoint.deleteOneStateFile(Path.of(savepoint.outLines().get(0).strip()));
    EngineCli.Result run = cluster.cli().run(Duration.ofMinutes(2), "job", "run", jar.toString(), "--class",
        JobWithStuckOperator.class.getName(), "--parallelism", "2", "--from-savepoint",
        savepoint.outLines().get(0).strip(), "--verbose", "--", "--marker", marker.toString());
    assertThat(run.exit()).as("%s", run).isEqualTo(1);
    assertThat(run.err()).as("the error names the missing file").contains(missing.getFileName().toString());
  }

  private static long countedSoFar(JsonNode job) {
    JsonNode vertices = job.get("vertices");
    long sum = 0;
    for (JsonNode s : vertices.get(vertices.size() - 1).get("subtasks")) {
      sum += s.get("recordsIn").asLong();
    }
    return sum;
  }

  /** Waits until the job restarted more than {@code restartsBefore} times and runs again with every subtask. */
  private static JsonNode awaitRecovered(String id, int restartsBefore) throws Exception {
    List<JsonNode> last = new ArrayList<>();
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
      JsonNode job = cluster.describe(id);
      last.add(0, job);
      return job.get("restarts").asInt() > restartsBefore && allRunning(job);
    });
    return last.get(0);
  }

  /** Waits for a failed checkpoint with a reason; returns its id. */
  private static long awaitFailedCheckpoint(String id) throws Exception {
    long[] failed = new long[1];
    await().atMost(QUICK).pollInterval(Duration.ofSeconds(1)).until(() -> {
      for (JsonNode c : cluster.describe(id).get("checkpoints")) {
        if (c.get("status").asText().equals("FAILED") && !c.get("failure").isNull()) {
          failed[0] = c.get("id").asLong();
          return true;
        }
      }
      return false;
    });
    return failed[0];
  }

  private static void createStreams(String input, int inputShards, String output, int outputShards) {
    cluster.client().createStream(input, inputShards, 0, 0, StreamMode.PROVISIONED);
    cluster.client().createStream(output, outputShards, 0, 0, StreamMode.PROVISIONED);
  }

  private static void produce(String stream, List<String> keys) {
    try {
      KeyedCounts.produce(cluster.client(), stream, keys);
    } catch (Exception e) {
      throw new IllegalStateException("writing to " + stream + " failed", e);
    }
  }

  private static void cancel(String id) throws Exception {
    EngineCli.Result cancel = cluster.cli().run(QUICK, "job", "cancel", id);
    assertThat(cancel.exit()).as("%s", cancel).isZero();
    await().atMost(QUICK).pollInterval(Duration.ofSeconds(1))
        .until(() -> cluster.describe(id).get("state").asText().equals("CANCELED"));
  }
}

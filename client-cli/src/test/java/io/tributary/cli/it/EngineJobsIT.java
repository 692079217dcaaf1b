package io.tributary.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.cli.output.Json;
import io.tributary.client.ClientOptions;
import io.tributary.client.Position;
import io.tributary.client.Producer;
import io.tributary.client.ProducerOptions;
import io.tributary.client.PutResult;
import io.tributary.client.ReceivedRecord;
import io.tributary.client.StreamReader;
import io.tributary.client.TributaryClient;
import io.tributary.common.testing.FreePorts;
import io.tributary.proto.v1.StreamMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine end to end on real processes of the distribution: ZooKeeper, a coordinator, a broker
 * and two workers; jobs submitted with {@code trib job run} as a process. The example jobs must
 * produce exactly what the test computes on its own, at parallelism 1 and 4; a failing job shows
 * the user's exception; cancel frees every slot; a slow sink back-pressures its source.
 *
 * <p>Two workers with two slots each, as in the acceptance criteria: slots are shared within a job
 * (subtask i of every vertex runs in slot i), so parallelism 4 takes every slot.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EngineJobsIT {
  private static final String CLUSTER = "engine-it";
  private static final int SLOTS_PER_WORKER = 2;
  private static final Path EXAMPLES = Path.of("target", "tributary", "examples", "tributary-examples.jar");
  private static final String WORD_COUNT = "io.tributary.examples.WordCount";
  private static final String TOP_PAGES = "io.tributary.examples.ClickstreamTopPages";
  private static final String ENRICHMENT = "io.tributary.examples.EnrichmentJoin";
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(150);
  private static final Duration QUICK = Duration.ofSeconds(60);
  /** A minute boundary, so that the test and the job agree on windows without offsets. */
  private static final long EVENT_TIME_START = 1_700_000_040_000L;

  @TempDir static Path dir;
  private static TestingServer zookeeper;
  private static final List<TribProcess> processes = new ArrayList<>();
  private static final Map<String, Integer> metricsPorts = new ConcurrentHashMap<>();
  private static TributaryClient client;
  private static EngineCli cli;
  private static Path testJobs;

  @BeforeAll
  static void startCluster() throws Exception {
    assertThat(EXAMPLES).as("the distribution's example jobs").exists();
    zookeeper = new TestingServer(true);
    String coordinator = start("c1", "coordinator", "--port", "0", "--dir", dir.resolve("c1").toString());
    start("b1", "broker", "--id", "1", "--port", "0", "--no-quotas", "--dir", dir.resolve("b1").toString());
    for (String id : List.of("w1", "w2")) {
      int metricsPort = FreePorts.next();
      metricsPorts.put(id, metricsPort);
      start(id, "worker", "--id", id, "--port", "0", "--slots", String.valueOf(SLOTS_PER_WORKER),
          "--coordinator", coordinator, "--dir", dir.resolve(id).toString(), "--set", "metrics.port=" + metricsPort);
    }
    client = TributaryClient.connect(new ClientOptions(List.of(coordinator), Duration.ofSeconds(10)));
    await().atMost(QUICK).until(() -> client.clusterStatus().getBrokersCount() == 1);
    cli = new EngineCli(dir, coordinator);
    testJobs = JobTestJar.write(dir.resolve("test-jobs.jar"), JobThatFails.class, JobWithSlowSink.class,
        JobWithMidStreamWatermarks.class);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (client != null) {
      client.close();
    }
    for (TribProcess p : processes) {
      p.close();
    }
    if (zookeeper != null) {
      zookeeper.close();
    }
  }

  @Test
  @Order(1)
  void wordCountWritesTheExactCountsAtParallelismOneAndFour() throws Exception {
    Path input = dir.resolve("words");
    Map<String, Long> expected = EngineTestData.writeWords(input, 3, 2_000, 42);
    for (int parallelism : List.of(1, 4)) {
      Path output = dir.resolve("counts-p" + parallelism);
      EngineCli.Result run = cli.run(RUN_TIMEOUT, "job", "run", EXAMPLES.toString(), "--class", WORD_COUNT,
          "--parallelism", String.valueOf(parallelism), "--", "--input", input.toString(),
          "--output", output.toString());

      assertThat(run.exit()).as("%s", run).isZero();
      assertThat(run.out()).contains("'word-count' FINISHED");
      assertThat(EngineTestData.readCounts(output)).as("parallelism %d", parallelism).isEqualTo(expected);
      if (parallelism == 4) {
        assertSpreadOverBothWorkers(describe(submittedId(run)));
      }
    }
  }

  @Test
  @Order(2)
  void clickstreamTopPagesRanksEveryMinuteAtParallelismOneAndFour() throws Exception {
    List<EngineTestData.Click> clicks = EngineTestData.clicks(EVENT_TIME_START, 4, 600, 7);
    Set<String> expected = EngineTestData.topPages(clicks, 3);
    assertThat(expected).hasSize(4 * 3);
    for (int parallelism : List.of(1, 4)) {
      // One shard: the order within it is what the test wrote, at most 4 s out of order.
      String input = "clicks-p" + parallelism;
      String output = "top-pages-p" + parallelism;
      client.createStream(input, 1, 0, 0, StreamMode.PROVISIONED);
      client.createStream(output, 2, 0, 0, StreamMode.PROVISIONED);
      List<String> lines = new ArrayList<>(clicks.stream().map(EngineTestData.Click::json).toList());
      // Far in the future, so that the watermark passes every window written before it.
      lines.add(new EngineTestData.Click("late-visitor", "/", EVENT_TIME_START + 3_600_000).json());
      produce(input, lines, line -> "clicks");

      String id = runDetached(EXAMPLES, TOP_PAGES, parallelism, "--input", input, "--output", output);

      assertThat(readUntil(output, expected.size())).as("parallelism %d", parallelism)
          .containsExactlyInAnyOrderElementsOf(expected);
      if (parallelism == 4) {
        assertSpreadOverBothWorkers(describe(id));
      }
      cancelAndAwaitEverySubtaskCanceled(id);
    }
  }

  @Test
  @Order(3)
  void enrichmentJoinEnrichesEveryOrderExactlyOnceAtParallelismOneAndFour() throws Exception {
    List<String> users = EngineTestData.users(200, 3);
    List<String> orders = EngineTestData.orders(2_000, 200, 5);
    Set<String> expected = EngineTestData.enriched(orders, users);
    for (int parallelism : List.of(1, 4)) {
      String ordersStream = "orders-p" + parallelism;
      String usersStream = "users-p" + parallelism;
      String output = "enriched-p" + parallelism;
      for (String stream : List.of(ordersStream, usersStream, output)) {
        client.createStream(stream, 4, 0, 0, StreamMode.PROVISIONED);
      }
      // Half the orders before any profile, so that many wait in state for theirs.
      produce(ordersStream, orders.subList(0, 1_000), line -> line.split(",")[1]);
      String id = runDetached(EXAMPLES, ENRICHMENT, parallelism, "--orders", ordersStream, "--users", usersStream,
          "--output", output);
      produce(usersStream, users, line -> line.split(",")[0]);
      produce(ordersStream, orders.subList(1_000, orders.size()), line -> line.split(",")[1]);

      assertThat(readUntil(output, expected.size())).as("parallelism %d", parallelism)
          .containsExactlyInAnyOrderElementsOf(expected);
      if (parallelism == 4) {
        assertSpreadOverBothWorkers(describe(id));
      }
      cancelAndAwaitEverySubtaskCanceled(id);
    }
  }

  @Test
  @Order(4)
  void aJobWhoseFunctionThrowsFailsWithTheUsersExceptionInDescribe() throws Exception {
    EngineCli.Result run = cli.run(RUN_TIMEOUT, "job", "run", testJobs.toString(), "--class",
        JobThatFails.class.getName(), "--parallelism", "2");

    assertThat(run.exit()).as("%s", run).isEqualTo(1);
    assertThat(run.err()).contains("JobFailed: job ");
    JsonNode job = describe(submittedId(run));
    assertThat(job.get("state").asText()).isEqualTo("FAILED");
    assertThat(job.get("failure").asText())
        .contains(JobThatFails.PoisonRecordException.class.getName() + ": record 500 is poison")
        .contains("RejectPoison.map");
    EngineCli.Result text = cli.run(QUICK, "job", "describe", job.get("id").asText());
    assertThat(text.out()).contains("FAILED", "PoisonRecordException: record 500 is poison");
  }

  @Test
  @Order(5)
  void cancelStopsEverySubtaskAndFreesAllSlots() throws Exception {
    client.createStream("clicks-cancel", 2, 0, 0, StreamMode.PROVISIONED);
    // Parallelism 4: every slot of both workers.
    String id = runDetached(EXAMPLES, TOP_PAGES, 4, "--input", "clicks-cancel", "--output", "top-pages-p4");
    await().atMost(QUICK).pollInterval(Duration.ofSeconds(1))
        .until(() -> subtaskStates(describe(id)).equals(Set.of("RUNNING")));

    cancelAndAwaitEverySubtaskCanceled(id);

    // Parallelism 4 again: every slot, so it only runs if all were freed.
    Path output = dir.resolve("counts-after-cancel");
    EngineCli.Result run = cli.run(RUN_TIMEOUT, "job", "run", EXAMPLES.toString(), "--class", WORD_COUNT,
        "--parallelism", String.valueOf(2 * SLOTS_PER_WORKER), "--", "--input",
        dir.resolve("words").toString(), "--output", output.toString());
    assertThat(run.exit()).as("%s", run).isZero();
  }

  @Test
  @Order(6)
  void aSlowSinkBackPressuresTheSourceAndKeepsQueuesBounded() throws Exception {
    String id = runDetached(testJobs, JobWithSlowSink.class.getName(), 2, "--sleep-ms", "1");
    // Both vertices at parallelism 2, so two of the four channels cross workers. In flight per
    // channel at most: the batch being filled, the subpartition queue (4), the consumer's credits
    // (4) and the batch being processed, of 512 records each; plus what two metric reports (about
    // a second apart) may differ by at the sinks' combined top rate of 2 x 1000 records/s.
    long bound = 4L * 512 * (1 + 4 + 4 + 1) + 2 * 2 * 1_000;
    List<long[]> samples = new ArrayList<>();
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).until(() -> {
      JsonNode job = describe(id);
      long[] sample = {total(job, 0, "recordsOut"), total(job, 1, "recordsIn"), total(job, 0, "backPressuredMs")};
      assertThat(job.get("state").asText()).isEqualTo("RUNNING");
      assertThat(sample[0] - sample[1]).as("source out minus sink in, never more than the exchange holds")
          .isLessThanOrEqualTo(bound);
      samples.add(sample);
      // Enough samples once the source kept producing and was back-pressured throughout several.
      return samples.size() >= 4 && sample[0] > samples.get(1)[0] + 1_000 && sample[2] > samples.get(1)[2];
    });
    for (String worker : List.of("w1", "w2")) {
      EngineWorkerHeap heap = EngineWorkerHeap.read(metricsPorts.get(worker));
      assertThat(heap.usedBytes()).as("heap of %s", worker).isLessThan(heap.maxBytes());
      // What the old generation kept at its last collection (0 when it had none): the records
      // in flight are a few megabytes at most, an unbounded queue would be most of the heap.
      assertThat(heap.oldGenerationAfterCollectionBytes()).as("old generation of %s after its last collection", worker)
          .isLessThan(heap.maxBytes() / 2);
    }
    cancelAndAwaitEverySubtaskCanceled(id);
  }

  @Test
  @Order(7)
  void watermarksAssignedMidStreamCrossWorkersAndFireWindowsOfAnEndlessInput() throws Exception {
    Path output = dir.resolve("window-sums");
    String id = runDetached(testJobs, JobWithMidStreamWatermarks.class.getName(), 2, "--output", output.toString());
    // Windows of keys on both window subtasks: at least three whole windows from each file.
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
        .until(() -> windowSums(output, 0).size() >= 3 && windowSums(output, 1).size() >= 3);
    cancelAndAwaitEverySubtaskCanceled(id);
    assertSpreadOverBothWorkers(describe(id));

    Map<Long, List<Long>> byWindow = new HashMap<>();
    for (int subtask = 0; subtask < 2; subtask++) {
      windowSums(output, subtask).forEach((end, sums) -> byWindow.computeIfAbsent(end, e -> new ArrayList<>()).addAll(sums));
    }
    // Value v has event time 10 v ms and key v % KEYS: window [s, s + 1000) holds v in [s / 10, s / 10 + 100).
    int keys = JobWithMidStreamWatermarks.KEYS;
    long complete = byWindow.entrySet().stream().filter(e -> e.getValue().size() == keys).count();
    assertThat(complete).as("windows with every key fired").isGreaterThanOrEqualTo(2);
    byWindow.forEach((maxTimestamp, sums) -> {
      long start = maxTimestamp - 999;
      List<Long> expected = new ArrayList<>();
      for (int key = 0; key < keys; key++) {
        long sum = 0;
        for (long v = start / 10; v < start / 10 + 100; v++) {
          sum += v % keys == key ? v : 0;
        }
        expected.add(sum);
      }
      assertThat(expected).as("window ending %d", maxTimestamp).containsAll(sums);
    });
  }

  /** Window max timestamp to the sums a window subtask wrote for it. */
  private static Map<Long, List<Long>> windowSums(Path output, int subtask) throws Exception {
    Path file = output.resolve("window-sums-" + subtask + ".txt");
    Map<Long, List<Long>> sums = new HashMap<>();
    if (!Files.exists(file)) {
      return sums;
    }
    for (String line : Files.readAllLines(file)) {
      String[] parts = line.split("\t");
      if (parts.length == 2) {
        sums.computeIfAbsent(Long.parseLong(parts[0]), k -> new ArrayList<>()).add(Long.parseLong(parts[1]));
      }
    }
    return sums;
  }

  private static String runDetached(Path jar, String mainClass, int parallelism, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("job", "run", jar.toString(), "--class", mainClass,
        "--parallelism", String.valueOf(parallelism), "--detached", "--"));
    command.addAll(List.of(args));
    EngineCli.Result run = cli.run(RUN_TIMEOUT, command.toArray(String[]::new));
    assertThat(run.exit()).as("%s", run).isZero();
    return run.outLines().get(0).strip();
  }

  /** The id in "Submitted job ID ..." that a following 'job run' prints on stderr. */
  private static String submittedId(EngineCli.Result run) {
    String line = run.err().lines().filter(l -> l.startsWith("Submitted job ")).findFirst().orElseThrow();
    return line.split(" ")[2];
  }

  private static JsonNode describe(String id) throws Exception {
    EngineCli.Result result = cli.run(QUICK, "--output", "json", "job", "describe", id);
    assertThat(result.exit()).as("%s", result).isZero();
    return Json.MAPPER.readTree(result.out());
  }

  private static void cancelAndAwaitEverySubtaskCanceled(String id) throws Exception {
    EngineCli.Result cancel = cli.run(QUICK, "job", "cancel", id);
    assertThat(cancel.exit()).as("%s", cancel).isZero();
    await().atMost(QUICK).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      JsonNode job = describe(id);
      assertThat(job.get("state").asText()).isEqualTo("CANCELED");
      assertThat(subtaskStates(job)).containsOnly("CANCELED");
    });
  }

  private static void assertSpreadOverBothWorkers(JsonNode job) {
    Set<String> workers = new HashSet<>(job.findValuesAsText("workerId"));
    assertThat(workers).as("workers of the subtasks").containsExactlyInAnyOrder("w1", "w2");
  }

  private static Set<String> subtaskStates(JsonNode job) {
    Set<String> states = new HashSet<>();
    job.get("vertices").forEach(v -> v.get("subtasks").forEach(s -> states.add(s.get("state").asText())));
    return states;
  }

  /** A field summed over the subtasks of the vertex at {@code index} (0 = first, 1 = last). */
  private static long total(JsonNode job, int index, String field) {
    JsonNode vertices = job.get("vertices");
    JsonNode vertex = vertices.get(index == 0 ? 0 : vertices.size() - 1);
    long sum = 0;
    for (JsonNode s : vertex.get("subtasks")) {
      sum += s.get(field).asLong();
    }
    return sum;
  }

  private interface KeyOf {
    String of(String line);
  }

  private static void produce(String stream, List<String> lines, KeyOf key) throws Exception {
    List<CompletableFuture<PutResult>> acks = new ArrayList<>();
    try (Producer producer = client.newProducer(stream, ProducerOptions.defaults())) {
      for (String line : lines) {
        acks.add(producer.send(key.of(line), line.getBytes(StandardCharsets.UTF_8)));
      }
      producer.flush();
    }
    CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    assertThat(acks).allSatisfy(a -> assertThat(a.join().succeeded()).isTrue());
  }

  /** Every record of {@code stream} once {@code count} arrived (bounded wait), as text. */
  private static List<String> readUntil(String stream, int count) {
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    try (StreamReader reader = client.newStreamReader(stream, Position.trimHorizon())) {
      await().atMost(Duration.ofSeconds(90)).until(() -> {
        for (ReceivedRecord r : reader.poll(1_000)) {
          lines.add(new String(r.data(), StandardCharsets.UTF_8));
        }
        return lines.size() >= count;
      });
    }
    return lines;
  }

  private static String start(String name, String role, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(role, "--zookeeper", zookeeper.getConnectString(), "--cluster", CLUSTER));
    command.addAll(List.of(args));
    TribProcess p = TribProcess.start(name, dir, Map.of("TRIB_ZOOKEEPER_SESSION_TIMEOUT", "4s"),
        command.toArray(String[]::new));
    processes.add(p);
    return p.awaitReady();
  }
}

package io.tributary.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.cli.TestCli;
import io.tributary.cli.output.Json;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A local cluster with two workers of two slots each, and the job commands against it with the
 * example jobs' jar of the distribution.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalClusterJobsIT {
  private static final Path EXAMPLES = Path.of("target", "tributary", "examples", "tributary-examples.jar");
  private static final String STATELESS = "io.tributary.examples.bench.StatelessBenchmarkJob";

  private static LocalCluster cluster;

  @BeforeAll
  static void startCluster() {
    assertThat(EXAMPLES).as("the distribution's example jobs").exists();
    cluster = LocalCluster.builder().workers(2).slots(2).portBase(0).start();
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void theWorkersAreRegisteredWithTheirSlotsWhenStartReturns() {
    assertThat(cluster.workerIndexes()).containsExactly(0, 1);
    assertThat(cluster.worker(1).orElseThrow().slots()).isEqualTo(2);
    try (RegisteredWorkers registered =
        new RegisteredWorkers(cluster.zookeeperConnect(), cluster.clusterName(), Duration.ofSeconds(30))) {
      assertThat(registered.ids()).containsExactlyInAnyOrder("worker-0", "worker-1");
    }
  }

  @Test
  @Order(2)
  void aJobRunsToFinishedAndIsListedAndDescribed() throws Exception {
    TestCli.Result run = trib("job", "run", EXAMPLES.toString(), "--class", STATELESS, "--parallelism", "2",
        "--", "--events", "100000");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.outLines()).singleElement().asString().contains("'bench-stateless' FINISHED after");
    String id = run.outLines().get(0).split(" ")[1];

    JsonNode list = Json.MAPPER.readTree(trib("--output", "json", "job", "list").out());
    assertThat(list.findValuesAsText("id")).contains(id);
    JsonNode job = Json.MAPPER.readTree(trib("--output", "json", "job", "describe", id).out());
    assertThat(job.get("state").asText()).isEqualTo("FINISHED");
    JsonNode subtasks = job.get("vertices").get(0).get("subtasks");
    assertThat(subtasks.findValuesAsText("state")).containsOnly("FINISHED");
    assertThat(subtasks.findValuesAsText("workerId")).allMatch(w -> w.startsWith("worker-"));
    assertThat(trib("job", "describe", id).out()).contains("Vertex 0: Source: Generator", "FINISHED");
  }

  @Test
  @Order(3)
  void theWindowBenchmarkReportsItsThroughput() {
    TestCli.Result bench = trib("bench", "engine", "--job", "window", "--events", "200000", "--parallelism", "2",
        "--jar", EXAMPLES.toString());

    assertThat(bench.exit()).as(bench.err()).isZero();
    assertThat(bench.outLines()).last().asString()
        .matches("RESULT events=200000 seconds=[0-9.]+ events_per_s=[0-9.]+");
  }

  @Test
  @Order(4)
  void aJobThatNeedsMoreSlotsThanAreFreeIsRefused() {
    TestCli.Result run = trib("job", "run", EXAMPLES.toString(), "--class", STATELESS, "--parallelism", "5",
        "--detached");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines()).singleElement().asString().startsWith("LimitExceeded: ").contains("needs 5 task slots");
  }

  @Test
  @Order(5)
  void anUnknownMainClassIsAnInvalidArgument() {
    TestCli.Result run = trib("job", "run", EXAMPLES.toString(), "--class", "io.tributary.examples.Nope");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.errLines()).singleElement().asString().startsWith("InvalidArgument: ").contains("Nope");
  }

  private static TestCli.Result trib(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--coordinator";
    all[1] = cluster.coordinatorAddress();
    System.arraycopy(args, 0, all, 2, args.length);
    return TestCli.run(all);
  }
}

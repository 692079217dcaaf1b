package io.tributary.cli.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.cli.TestCli;
import io.tributary.cli.local.LocalCluster;
import io.tributary.cli.output.Json;
import io.tributary.client.ClientOptions;
import io.tributary.client.Producer;
import io.tributary.client.ProducerOptions;
import io.tributary.client.PutResult;
import io.tributary.client.TributaryClient;
import io.tributary.proto.v1.StreamMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code trib stream tail} as a member of a consumer application on a whole cluster in this JVM. */
class StreamTailIT {
  private static LocalCluster cluster;
  private static TributaryClient client;

  @BeforeAll
  static void start() {
    cluster = LocalCluster.builder().brokers(1).start();
    client = TributaryClient.connect(ClientOptions.of(cluster.coordinatorAddress()));
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void printsRecordsAndCheckpointsThenResumesAfterThemOnTheNextRun() throws Exception {
    client.createStream("tailed", 2, 0, 0, StreamMode.PROVISIONED);
    put("tailed", 0, 50);

    List<JsonNode> first = tailUntil("tailed", "t1", lines -> records(lines).size() >= 50 && checkpointsCover(lines));

    assertThat(records(first)).extracting(r -> r.get("data").asText())
        .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 50).mapToObj(i -> "r" + i).toList());
    assertThat(first.get(0).fieldNames()).toIterable().containsExactly("shard", "sequence", "partitionKey", "data");

    put("tailed", 50, 60);
    List<JsonNode> second = tailUntil("tailed", "t2", lines -> records(lines).size() >= 10);
    assertThat(records(second)).extracting(r -> r.get("data").asText())
        .containsExactlyInAnyOrderElementsOf(IntStream.range(50, 60).mapToObj(i -> "r" + i).toList());

    TestCli.Result described = TestCli.run("--coordinator", cluster.coordinatorAddress(), "--output", "json",
        "consumer", "describe", "tailed", "app");
    assertThat(described.exit()).as(described.err()).isZero();
    JsonNode state = Json.MAPPER.readTree(described.out());
    assertThat(state.get("lag").asLong()).isZero();
    assertThat(state.get("members")).isEmpty();
    for (JsonNode shard : state.get("shards")) {
      assertThat(shard.get("leaseOwner").isNull()).as("lease released at a clean stop").isTrue();
    }
  }

  @Test
  void fromMustBeAStartingPosition() {
    TestCli.Result r = TestCli.run("--coordinator", cluster.coordinatorAddress(), "stream", "tail", "tailed",
        "--app", "app", "--from", "at:5");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--from must be trim-horizon or latest");
  }

  /** Runs a tail member until {@code done} holds for its output, stops it as SIGTERM would, returns its JSON lines. */
  private static List<JsonNode> tailUntil(String stream, String instance, java.util.function.Predicate<List<JsonNode>> done)
      throws Exception {
    TestCli cli = new TestCli();
    CompletableFuture<TestCli.Result> run = CompletableFuture.supplyAsync(() -> cli.execute(
        "--coordinator", cluster.coordinatorAddress(), "--output", "json",
        "stream", "tail", stream, "--app", "app", "--instance", instance));
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> cli.outSoFar().startsWith("READY tail " + instance + " app\n")
          && done.test(lines(cli.outSoFar())));
    } finally {
      cli.stop();
    }
    TestCli.Result result = run.get(60, TimeUnit.SECONDS);
    assertThat(result.exit()).as(result.err()).isZero();
    return lines(result.out());
  }

  private static List<JsonNode> lines(String out) {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.lines().skip(1).toList()) {
      try {
        lines.add(Json.MAPPER.readTree(line));
      } catch (IOException e) {
        throw new UncheckedIOException("not a JSON line: " + line, e);
      }
    }
    return lines;
  }

  private static List<JsonNode> records(List<JsonNode> lines) {
    return lines.stream().filter(l -> l.has("data")).toList();
  }

  /** Every record printed is covered by a later checkpoint of its shard. */
  private static boolean checkpointsCover(List<JsonNode> lines) {
    Map<String, Long> last = new HashMap<>();
    Map<String, Long> checkpointed = new HashMap<>();
    for (JsonNode l : lines) {
      if (l.has("checkpoint")) {
        checkpointed.put(l.get("checkpoint").get("shard").asText(), l.get("checkpoint").get("sequence").asLong());
      } else {
        last.merge(l.get("shard").asText(), l.get("sequence").asLong(), Math::max);
      }
    }
    return last.entrySet().stream().allMatch(e -> checkpointed.getOrDefault(e.getKey(), -1L) >= e.getValue());
  }

  /** Writes r<from> to r<to - 1> through a producer, which retries until the new stream's shards are served. */
  private static void put(String stream, int from, int to) throws Exception {
    List<CompletableFuture<PutResult>> sent = new ArrayList<>();
    try (Producer producer = client.newProducer(stream, ProducerOptions.defaults())) {
      for (int i = from; i < to; i++) {
        sent.add(producer.send("k" + i % 7, ("r" + i).getBytes(StandardCharsets.UTF_8)));
      }
      producer.flush();
    }
    for (CompletableFuture<PutResult> f : sent) {
      assertThat(f.get(60, TimeUnit.SECONDS).succeeded()).isTrue();
    }
  }
}

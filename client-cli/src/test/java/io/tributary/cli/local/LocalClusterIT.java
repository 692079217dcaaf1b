package io.tributary.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.cli.TestCli;
import io.tributary.cli.output.Json;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stream commands end to end against a whole cluster in this JVM, with real gRPC on loopback. */
class LocalClusterIT {
  private static LocalCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = LocalCluster.builder().brokers(2).portBase(0).start();
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void createPutGetDescribeAndDelete() throws Exception {
    TestCli.Result created = trib("stream", "create", "clicks", "--shards", "4");
    assertThat(created.exit()).as(created.err()).isZero();
    assertThat(created.out()).contains("Created stream 'clicks' with 4 shards.");

    String input = IntStream.range(0, 200)
        .mapToObj(i -> "user-" + i % 17 + "|{\"n\":" + i + "}")
        .collect(Collectors.joining("\n", "", "\n"));
    TestCli.Result put = new TestCli(Map.of(), input).execute(
        "--coordinator", cluster.coordinatorAddress(), "--output", "json",
        "stream", "put", "clicks", "--key-delimiter", "|");
    assertThat(put.exit()).as(put.err()).isZero();
    JsonNode acked = Json.MAPPER.readTree(put.out());
    assertThat(acked.size()).isEqualTo(200);
    assertThat(acked.get(18).get("partitionKey").asText()).isEqualTo("user-1");

    TestCli.Result got = trib("--output", "json", "stream", "get", "clicks");
    assertThat(got.exit()).as(got.err()).isZero();
    JsonNode records = Json.MAPPER.readTree(got.out());
    assertThat(records.size()).isEqualTo(200);
    assertThat(pairs(records)).isEqualTo(pairs(acked));
    assertOrderedPerShard(records);
    for (JsonNode r : records) {
      int n = Json.MAPPER.readTree(r.get("data").asText()).get("n").asInt();
      assertThat(r.get("partitionKey").asText()).isEqualTo("user-" + n % 17);
    }

    JsonNode first = acked.get(0);
    TestCli.Result one = trib("--output", "json", "stream", "get", "clicks", "--shard", first.get("shard").asText(),
        "--from", "at:" + first.get("sequence").asLong(), "--limit", "1");
    assertThat(Json.MAPPER.readTree(one.out()).get(0).get("data").asText()).isEqualTo("{\"n\":0}");

    TestCli.Result described = trib("--output", "json", "stream", "describe", "clicks");
    JsonNode shards = Json.MAPPER.readTree(described.out()).get("shards");
    assertThat(shards.size()).isEqualTo(4);
    long total = 0;
    for (JsonNode s : shards) {
      total += s.get("sequenceRange").get("next").asLong() - s.get("sequenceRange").get("first").asLong();
    }
    assertThat(total).isEqualTo(200);
    assertThat(trib("stream", "describe", "clicks").out()).contains("SHARD", "HASH RANGE", "LEADER");

    assertThat(trib("--output", "json", "stream", "list").out()).contains("\"clicks\"");
    assertThat(trib("stream", "create", "clicks", "--shards", "1").err()).startsWith("ResourceInUse: ");
    assertThat(trib("stream", "delete", "clicks").exit()).isZero();
    TestCli.Result gone = trib("stream", "describe", "clicks");
    assertThat(gone.exit()).isEqualTo(1);
    assertThat(gone.errLines()).singleElement().asString().startsWith("ResourceNotFound: ");
  }

  @Test
  void putToAMissingStreamPrintsAnEmptyArrayAndFails() throws Exception {
    TestCli.Result put = new TestCli(Map.of(), "a\nb\n").execute(
        "--coordinator", cluster.coordinatorAddress(), "--output", "json", "stream", "put", "nowhere");

    assertThat(put.exit()).isEqualTo(1);
    assertThat(Json.MAPPER.readTree(put.out()).isEmpty()).isTrue();
    assertThat(put.errLines()).singleElement().asString().startsWith("ResourceNotFound: ");
  }

  @Test
  void splitMergeAndScaleEachWaitForActiveAndRejectAClosedShard() throws Exception {
    assertThat(trib("stream", "create", "resharded", "--shards", "2").exit()).isZero();

    JsonNode split = Json.MAPPER.readTree(ok(trib("--output", "json", "stream", "split", "resharded", "--shard", "0")).out());
    assertThat(split.get("status").asText()).isEqualTo("ACTIVE");
    assertThat(split.get("openShards").asInt()).isEqualTo(3);
    JsonNode children = split.get("scalingEvents").get(0).get("createdShards");

    TestCli.Result merged = ok(trib("stream", "merge", "resharded", "--shard", children.get(0).asText(),
        "--adjacent", children.get(1).asText()));
    assertThat(merged.outLines().get(0)).startsWith("Stream 'resharded' (ACTIVE): merge closed ").endsWith("; 2 open shards.");

    JsonNode scaled = Json.MAPPER.readTree(ok(trib("--output", "json", "stream", "scale", "resharded", "--shards", "3")).out());
    assertThat(scaled.get("openShards").asInt()).isEqualTo(3);
    assertThat(scaled.get("scalingEvents").get(0).get("action").asText()).isEqualTo("scale");
    assertThat(scaled.get("shards").get(0).get("state").asText()).isEqualTo("CLOSED");

    TestCli.Result closed = trib("stream", "split", "resharded", "--shard", "0");
    assertThat(closed.exit()).isEqualTo(1);
    assertThat(closed.errLines()).singleElement().asString().startsWith("InvalidArgument: ").contains("shardId-000000000000");
  }

  private static TestCli.Result ok(TestCli.Result r) {
    assertThat(r.exit()).as(r.err()).isZero();
    return r;
  }

  @Test
  void clusterStatusShowsTheBrokers() throws Exception {
    TestCli.Result status = trib("--output", "json", "cluster", "status");

    assertThat(status.exit()).as(status.err()).isZero();
    assertThat(Json.MAPPER.readTree(status.out()).get("brokers").size()).isEqualTo(2);
    assertThat(trib("cluster", "status").out()).contains("COORDINATOR", "leader", "BROKER");
  }

  @Test
  void benchmarksPrintTheirResultLine() {
    assertThat(trib("stream", "create", "bench", "--shards", "2").exit()).isZero();

    TestCli.Result produce = trib("bench", "produce", "--stream", "bench", "--records", "5000", "--record-size", "100",
        "--producers", "2");
    TestCli.Result consume = trib("bench", "consume", "--stream", "bench");
    TestCli.Result latency = trib("bench", "latency", "--stream", "bench", "--rate", "200", "--seconds", "2");

    assertThat(produce.exit()).as(produce.err()).isZero();
    assertThat(lastLine(produce)).matches(
        "RESULT records=5000 seconds=[0-9.]+ records_per_s=[0-9.]+ mb_per_s=[0-9.]+ p50_ms=[0-9.]+ p99_ms=[0-9.]+");
    assertThat(consume.exit()).as(consume.err()).isZero();
    assertThat(lastLine(consume)).matches("RESULT records=5000 seconds=[0-9.]+ records_per_s=[0-9.]+ mb_per_s=[0-9.]+");
    assertThat(latency.exit()).as(latency.err()).isZero();
    assertThat(lastLine(latency)).matches("RESULT records=\\d+ .* p50_ms=[0-9.]+ p99_ms=[0-9.]+");
    assertThat(trib("bench", "consume", "--stream", "missing").err()).startsWith("ResourceNotFound: ");
  }

  @Test
  void recordsSurviveABrokerRestart() throws Exception {
    assertThat(trib("stream", "create", "durable", "--shards", "2").exit()).isZero();
    assertThat(new TestCli(Map.of(), "x\ny\nz\n").execute("--coordinator", cluster.coordinatorAddress(),
        "stream", "put", "durable").exit()).isZero();

    for (int id : cluster.brokerIds()) {
      cluster.stopBroker(id);
      cluster.startBroker(id);
    }

    TestCli.Result got = trib("--output", "json", "stream", "get", "durable");
    assertThat(got.exit()).as(got.err()).isZero();
    assertThat(Json.MAPPER.readTree(got.out()).size()).isEqualTo(3);
  }

  private static TestCli.Result trib(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--coordinator";
    all[1] = cluster.coordinatorAddress();
    System.arraycopy(args, 0, all, 2, args.length);
    return TestCli.run(all);
  }

  private static String lastLine(TestCli.Result r) {
    List<String> lines = r.outLines();
    return lines.get(lines.size() - 1);
  }

  private static Set<String> pairs(JsonNode records) {
    Set<String> pairs = new HashSet<>();
    for (JsonNode r : records) {
      pairs.add(r.get("shard").asText() + "/" + r.get("sequence").asLong());
    }
    return pairs;
  }

  private static void assertOrderedPerShard(JsonNode records) {
    Map<String, Long> last = new HashMap<>();
    for (JsonNode r : records) {
      long seq = r.get("sequence").asLong();
      Long before = last.put(r.get("shard").asText(), seq);
      if (before != null) {
        assertThat(seq).isGreaterThan(before);
      }
    }
  }
}

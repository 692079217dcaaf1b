package io.tributary.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.cli.TestCli;
import io.tributary.cli.local.LocalCluster;
import io.tributary.cli.output.Json;
import io.tributary.client.ClientOptions;
import io.tributary.client.GetRecordsResult;
import io.tributary.client.Position;
import io.tributary.client.PutRecord;
import io.tributary.client.ReceivedRecord;
import io.tributary.client.ShardReader;
import io.tributary.client.TributaryClient;
import io.tributary.proto.v1.Acks;
import io.tributary.proto.v1.ShardInfo;
import io.tributary.proto.v1.StreamMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stream sinks of jobs with checkpoints write exactly once through a failure and a restore, and a
 * bounded stream source reads what the stream held at job start, then finishes. In-process local
 * cluster with two workers of two slots.
 */
class ExactlyOnceStreamSinkIT {
  private static final Duration JOB_END = Duration.ofMinutes(2);

  @TempDir
  static Path dir;
  private static LocalCluster cluster;
  private static TributaryClient client;
  private static Path jar;

  @BeforeAll
  static void start() throws Exception {
    cluster = LocalCluster.builder().dir(dir.resolve("cluster")).workers(2).slots(2).portBase(0).start();
    client = TributaryClient.connect(ClientOptions.of(cluster.coordinatorAddress()));
    jar = JobTestJar.write(dir.resolve("jobs.jar"), ExactlyOnceJob.class);
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
  void aJobRestartedFromACheckpointWritesEveryRecordToTheStreamExactlyOnce() throws Exception {
    client.createStream("numbers", 2, 24, 1, StreamMode.PROVISIONED);
    Path marker = dir.resolve("failed-once");

    String id = run("--parallelism", "2", "--", "--mode", "generate", "--count", "3000", "--rate", "1000",
        "--fail-at", "2000", "--marker", marker.toString(), "--output", "numbers");
    JsonNode job = awaitEnded(id);

    assertThat(job.get("state").asText()).as("%s", job).isEqualTo("FINISHED");
    assertThat(marker).as("the failure was injected").exists();
    assertThat(job.get("restarts").asInt()).isEqualTo(1);
    assertThat(job.get("lastRestore").get("checkpointId").asLong()).as("restored from a checkpoint").isPositive();
    List<String> written = readAll("numbers");
    assertThat(written).hasSize(3000)
        .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 3000).mapToObj(Long::toString).toList());
  }

  @Test
  void aBoundedStreamSourceReadsWhatTheStreamHeldAtStartAndFinishes() throws Exception {
    client.createStream("before-and-after", 2, 24, 1, StreamMode.PROVISIONED);
    client.createStream("copied", 2, 24, 1, StreamMode.PROVISIONED);
    put("before-and-after", "before-", 200);
    Path started = dir.resolve("gate-started");
    Path go = dir.resolve("gate-go");

    String id = run("--parallelism", "1", "--", "--mode", "bounded", "--input", "before-and-after",
        "--output", "copied", "--marker", started.toString(), "--go", go.toString());
    await().atMost(JOB_END).until(() -> Files.exists(started));
    put("before-and-after", "after-", 100);
    Files.createFile(go);
    JsonNode job = awaitEnded(id);

    assertThat(job.get("state").asText()).as("%s", job).isEqualTo("FINISHED");
    List<String> copied = readAll("copied");
    assertThat(copied).hasSize(200).allMatch(v -> v.startsWith("before-")).doesNotHaveDuplicates();
  }

  private static String run(String... args) {
    List<String> command = new ArrayList<>(List.of("--coordinator", cluster.coordinatorAddress(), "job", "run",
        jar.toString(), "--class", ExactlyOnceJob.class.getName(), "--detached"));
    command.addAll(List.of(args));
    TestCli.Result run = TestCli.run(command.toArray(String[]::new));
    assertThat(run.exit()).as(run.err()).isZero();
    return run.outLines().get(0).strip();
  }

  private static JsonNode awaitEnded(String id) {
    return await().atMost(JOB_END).pollInterval(Duration.ofMillis(250)).until(() -> describe(id),
        job -> List.of("FINISHED", "FAILED", "CANCELED").contains(job.get("state").asText()));
  }

  private static JsonNode describe(String id) throws Exception {
    TestCli.Result result =
        TestCli.run("--coordinator", cluster.coordinatorAddress(), "--output", "json", "job", "describe", id);
    assertThat(result.exit()).as(result.err()).isZero();
    return Json.MAPPER.readTree(result.out());
  }

  private static void put(String stream, String prefix, int count) {
    for (int i = 0; i < count; i++) {
      String value = prefix + i;
      client.putRecord(stream, PutRecord.of(value, value.getBytes(StandardCharsets.UTF_8)), Acks.ACKS_ALL);
    }
  }

  /** Every record's data, from every shard. */
  private static List<String> readAll(String stream) {
    List<String> values = new ArrayList<>();
    for (ShardInfo shard : client.describeStream(stream, false).getShardsList()) {
      try (ShardReader reader = client.newShardReader(stream, shard.getShardId(), Position.trimHorizon())) {
        GetRecordsResult batch;
        do {
          batch = reader.poll(1_000);
          for (ReceivedRecord r : batch.records()) {
            values.add(new String(r.data(), StandardCharsets.UTF_8));
          }
        } while (!batch.records().isEmpty());
      }
    }
    return values;
  }
}

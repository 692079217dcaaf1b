package io.tributary.delivery.job;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.api.checkpoint.OperatorSnapshot;
import io.tributary.api.operators.SinkOperator;
import io.tributary.api.testing.OperatorHarness;
import io.tributary.delivery.Compression;
import io.tributary.delivery.OutputFormat;
import io.tributary.delivery.spec.DeliverySpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveryWriterTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final long MIB = 1024 * 1024;
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private final List<OperatorHarness<byte[], Void>> harnesses = new ArrayList<>();
  private MeteredSink sink;

  @AfterEach
  void closeHarnesses() throws Exception {
    for (OperatorHarness<byte[], Void> harness : harnesses) {
      harness.close();
    }
  }

  @Test
  void aBufferClosedBySizeIsDeliveredOnlyOnceTheCheckpointAfterItCompletes() throws Exception {
    OperatorHarness<byte[], Void> harness = open(spec(Map.of(), "", 60_000, 1000));
    byte[] record = new byte[100 * 1024];
    for (int i = 0; i < 11; i++) {
      harness.processElement(record, T0);
    }
    harness.snapshot(1);
    assertThat(objects()).isEmpty();
    assertThat(sink.metrics().gauge(DeliveryMetrics.OLDEST_UNDELIVERED_AGE_MS)).isZero();
    harness.setProcessingTime(T0 + 5_000);
    assertThat(sink.metrics().gauge(DeliveryMetrics.OLDEST_UNDELIVERED_AGE_MS)).isEqualTo(5_000);

    harness.notifyCheckpointComplete(1);

    await().atMost(WAIT).untilAsserted(() -> assertThat(objects()).hasSize(1));
    String key = "out/orders-2023-11-14-22-13-20-0-0-0.json";
    assertThat(objects()).containsOnlyKeys(key);
    assertThat(objects().get(key)).hasSize(11 * (record.length + 1));
    await().atMost(WAIT).untilAsserted(() ->
        assertThat(sink.metrics().count(DeliveryMetrics.OBJECTS_DELIVERED)).isEqualTo(1));
    assertThat(sink.metrics().count(DeliveryMetrics.RECORDS_IN)).isEqualTo(11);
    assertThat(sink.metrics().count(DeliveryMetrics.BYTES_IN)).isEqualTo(11L * record.length);
    assertThat(sink.metrics().count(DeliveryMetrics.RECORDS_DELIVERED)).isEqualTo(11);
    assertThat(sink.metrics().count(DeliveryMetrics.BYTES_DELIVERED)).isEqualTo(11L * (record.length + 1));
    await().atMost(WAIT).pollInSameThread().untilAsserted(() -> {
      harness.advanceProcessingTime(Duration.ofSeconds(1)); // the timer notes the delivery
      assertThat(sink.metrics().gauge(DeliveryMetrics.OLDEST_UNDELIVERED_AGE_MS)).isZero();
    });
  }

  @Test
  void aBacklogOfOldRecordsFillsOneBufferInsteadOfClosingOnePerRecord() throws Exception {
    OperatorHarness<byte[], Void> harness = open(spec(Map.of(), "", 60_000, 1000));
    long anHourAgo = T0 - Duration.ofHours(1).toMillis();
    harness.processElement(bytes("a"), anHourAgo).processElement(bytes("b"), anHourAgo + 1);
    harness.advanceProcessingTime(Duration.ofSeconds(59));
    harness.snapshot(1);
    harness.notifyCheckpointComplete(1);
    harness.advanceProcessingTime(Duration.ofSeconds(1));
    harness.snapshot(2);
    harness.notifyCheckpointComplete(2);

    await().atMost(WAIT).untilAsserted(() -> assertThat(objects()).hasSize(1));
    assertThat(objects().values()).containsExactly("a\nb\n");
  }

  @Test
  void aBufferClosesWhenItHasBeenOpenForTheInterval() throws Exception {
    OperatorHarness<byte[], Void> harness = open(spec(Map.of(), "", 60_000, 1000));
    harness.processElement(bytes("a"), T0).processElement(bytes("b"), T0 + 1_000);
    harness.advanceProcessingTime(Duration.ofSeconds(59));
    harness.snapshot(1);
    harness.notifyCheckpointComplete(1);
    harness.advanceProcessingTime(Duration.ofSeconds(1));
    harness.snapshot(2);
    assertThat(objects()).isEmpty();

    harness.notifyCheckpointComplete(2);

    await().atMost(WAIT).untilAsserted(() -> assertThat(objects()).hasSize(1));
    assertThat(objects().values()).containsExactly("a\nb\n");
  }

  @Test
  void eachPartitionKeyValueHasItsOwnBufferAndPrefix() throws Exception {
    DeliverySpec spec = spec(Map.of("customer", "customer"), "", 60_000, 1000);
    OperatorHarness<byte[], Void> harness = open(spec);
    harness.processElement(bytes("{\"customer\":\"a\",\"n\":1}"), T0)
        .processElement(bytes("{\"customer\":\"b\",\"n\":2}"), T0)
        .processElement(bytes("{\"customer\":\"a\",\"n\":3}"), T0)
        .processElement(bytes("{\"n\":4}"), T0)
        .processElement(bytes("{\"customer\":\"x/y\",\"n\":5}"), T0)
        .processElement(bytes("not json"), T0);
    harness.advanceProcessingTime(Duration.ofSeconds(61));
    harness.snapshot(1);
    harness.notifyCheckpointComplete(1);

    await().atMost(WAIT).untilAsserted(() -> assertThat(objects()).hasSize(3));
    Map<String, String> objects = objects();
    assertThat(objects).containsEntry("by/a/orders-2023-11-14-22-13-20-0-0-0.json",
        "{\"customer\":\"a\",\"n\":1}\n{\"customer\":\"a\",\"n\":3}\n");
    assertThat(objects).containsEntry("by/b/orders-2023-11-14-22-13-20-0-0-1.json", "{\"customer\":\"b\",\"n\":2}\n");
    List<JsonNode> errors = errorLines(objects, "errors/partitioning-failed/");
    assertThat(errors).extracting(e -> decode(e.get("rawData").asText()))
        .containsExactly("{\"n\":4}", "{\"customer\":\"x/y\",\"n\":5}", "not json");
    assertThat(errors).allSatisfy(e -> assertThat(e.get("errorMessage").asText()).isNotEmpty());
    assertThat(sink.metrics().count(DeliveryMetrics.RECORDS_FAILED)).isEqualTo(3);
  }

  @Test
  void theTransformRoutesOkDroppedAndProcessingFailedRecords() throws Exception {
    OperatorHarness<byte[], Void> harness = open(spec(Map.of(), UppercaseTransform.class.getName(), 60_000, 1000));
    harness.processElement(bytes("keep"), T0).processElement(bytes("drop"), T0)
        .processElement(bytes("fail"), T0).processElement(bytes("also"), T0);
    harness.advanceProcessingTime(Duration.ofSeconds(61));
    harness.snapshot(1);
    harness.notifyCheckpointComplete(1);

    await().atMost(WAIT).untilAsserted(() -> assertThat(objects()).hasSize(2));
    assertThat(objects()).containsEntry("out/orders-2023-11-14-22-13-20-0-0-0.json", "KEEP\nALSO\n");
    List<JsonNode> errors = errorLines(objects(), "errors/processing-failed/");
    assertThat(errors).hasSize(1);
    assertThat(decode(errors.get(0).get("rawData").asText())).isEqualTo("fail");
    assertThat(errors.get(0).get("errorMessage").asText()).isEqualTo("bad record");
    assertThat(sink.metrics().count(DeliveryMetrics.RECORDS_DROPPED)).isEqualTo(1);
    assertThat(sink.metrics().count(DeliveryMetrics.RECORDS_FAILED)).isEqualTo(1);
    await().atMost(WAIT).untilAsserted(() ->
        assertThat(sink.metrics().count(DeliveryMetrics.RECORDS_DELIVERED)).isEqualTo(2));
  }

  @Test
  void aMissingTransformClassFailsNamingTheClassAndTheJarOption() {
    assertThatThrownBy(() -> open(spec(Map.of(), "com.example.NoSuchTransform", 60_000, 1000)))
        .hasMessageContaining("com.example.NoSuchTransform").hasMessageContaining("--transform-jar");
  }

  @Test
  void aRestoreDeliversTheRestoredBatchesAgainWithTheSameKeysAndBytes() throws Exception {
    DeliverySpec spec = spec(Map.of(), "", 60_000, 1000);
    OperatorHarness<byte[], Void> first = open(spec);
    first.processElement(bytes("r1"), T0).processElement(bytes("r2"), T0);
    first.advanceProcessingTime(Duration.ofSeconds(61));
    first.processElement(bytes("r3"), T0 + 61_000);
    OperatorSnapshot checkpoint = first.snapshot(1);
    first.notifyCheckpointComplete(1);
    await().atMost(WAIT).untilAsserted(() -> assertThat(objects()).hasSize(1));
    Map<String, String> delivered = objects();
    first.close();
    deleteObjects();

    OperatorHarness<byte[], Void> second = restore(spec, checkpoint, 1);

    await().atMost(WAIT).untilAsserted(() -> assertThat(objects()).isEqualTo(delivered));
    second.advanceProcessingTime(Duration.ofSeconds(61));
    second.snapshot(2);
    second.notifyCheckpointComplete(2);
    await().atMost(WAIT).untilAsserted(() -> assertThat(objects()).hasSize(2));
    assertThat(objects()).containsAllEntriesOf(delivered)
        .containsEntry("out/orders-2023-11-14-22-14-21-0-1-0.json", "r3\n");
  }

  @Test
  void aBatchTheDestinationKeepsRefusingGoesToTheErrorOutput() throws Exception {
    Path blocker = Files.writeString(dir.resolve("blocker"), "a file, not a directory");
    Path errorDir = dir.resolve("error-output");
    DeliverySpec spec = new DeliverySpec("orders", "orders-delivery-source", true, 0, "file://" + blocker + "/out",
        Map.of(), MIB, 60_000, OutputFormat.JSON, "", Compression.NONE, "out/", "errors/!{error-output-type}/",
        "file://" + errorDir, Map.of(), true, "", 0, 1, 1000);
    OperatorHarness<byte[], Void> harness = open(spec);
    harness.processElement(bytes("r1"), T0).processElement(bytes("r2"), T0);
    harness.advanceProcessingTime(Duration.ofSeconds(61));
    harness.snapshot(1);
    harness.notifyCheckpointComplete(1);

    await().atMost(WAIT).untilAsserted(() -> assertThat(objects(errorDir)).hasSize(1));
    List<JsonNode> errors = errorLines(objects(errorDir), "errors/delivery-failed/");
    assertThat(errors).extracting(e -> decode(e.get("rawData").asText())).containsExactly("r1", "r2");
    assertThat(errors.get(0).get("errorMessage").asText()).contains("blocker");
    await().atMost(WAIT).untilAsserted(() ->
        assertThat(sink.metrics().count(DeliveryMetrics.RECORDS_FAILED)).isEqualTo(2));
    assertThat(sink.metrics().count(DeliveryMetrics.DELIVERY_FAILURES)).isPositive();
    assertThat(sink.metrics().count(DeliveryMetrics.RECORDS_DELIVERED)).isZero();
  }

  @Test
  void recordsThatDoNotFitTheFormatGoToTheErrorOutputAlone() throws Exception {
    DeliverySpec spec = new DeliverySpec("orders", "orders-delivery-source", true, 0, "file://" + dir, Map.of(), MIB,
        60_000, OutputFormat.PARQUET, "message order { required int64 n; }", Compression.NONE, "out/",
        "errors/!{error-output-type}/", "", Map.of(), true, "", 0, 1, 1000);
    OperatorHarness<byte[], Void> harness = open(spec);
    harness.processElement(bytes("{\"n\":1}"), T0).processElement(bytes("{\"x\":2}"), T0);
    harness.advanceProcessingTime(Duration.ofSeconds(61));
    harness.snapshot(1);
    harness.notifyCheckpointComplete(1);

    await().atMost(WAIT).untilAsserted(() -> assertThat(objects()).hasSize(2));
    assertThat(objects()).containsKey("out/orders-2023-11-14-22-13-20-0-0-0.parquet");
    List<JsonNode> errors = errorLines(objects(), "errors/format-conversion-failed/");
    assertThat(errors).extracting(e -> decode(e.get("rawData").asText())).containsExactly("{\"x\":2}");
  }

  @Test
  void anExistingStreamIsDeliveredFromTheCreationOfTheDeliveryStreamOn() throws Exception {
    DeliverySpec spec = new DeliverySpec("orders", "clicks", false, T0, "file://" + dir, Map.of(), MIB, 60_000,
        OutputFormat.JSON, "", Compression.NONE, "out/", "errors/!{error-output-type}/", "", Map.of(), true, "", 0,
        1, 1000);
    OperatorHarness<byte[], Void> harness = open(spec);
    harness.processElement(bytes("before"), T0 - 1).processElement(bytes("after"), T0);
    harness.advanceProcessingTime(Duration.ofSeconds(61));
    harness.snapshot(1);
    harness.notifyCheckpointComplete(1);

    await().atMost(WAIT).untilAsserted(() -> assertThat(objects()).hasSize(1));
    assertThat(objects().values()).containsExactly("after\n");
    assertThat(sink.metrics().count(DeliveryMetrics.RECORDS_IN)).isEqualTo(1);
  }

  private DeliverySpec spec(Map<String, String> partitionKeys, String transform, long intervalMillis,
      long checkpointMillis) {
    String prefix = partitionKeys.isEmpty() ? "out/" : "by/!{partitionKey:customer}/";
    return new DeliverySpec("orders", "orders-delivery-source", true, 0, "file://" + dir, Map.of(), MIB,
        intervalMillis, OutputFormat.JSON, "", Compression.NONE, prefix, "errors/!{error-output-type}/", "",
        partitionKeys, true, transform, 0, 1, checkpointMillis);
  }

  private OperatorHarness<byte[], Void> open(DeliverySpec spec) throws Exception {
    sink = new MeteredSink(new DeliverySink(spec));
    OperatorHarness<byte[], Void> harness = OperatorHarness.forOperator(new SinkOperator<>(sink));
    harnesses.add(harness);
    harness.setProcessingTime(T0);
    return harness.open();
  }

  private OperatorHarness<byte[], Void> restore(DeliverySpec spec, OperatorSnapshot snapshot, long checkpointId)
      throws Exception {
    sink = new MeteredSink(new DeliverySink(spec));
    OperatorHarness<byte[], Void> harness =
        OperatorHarness.restore(new SinkOperator<>(sink), List.of(snapshot), checkpointId, 1, 0);
    harnesses.add(harness);
    harness.setProcessingTime(T0 + 61_000);
    return harness.open();
  }

  private Map<String, String> objects() throws IOException {
    return objects(dir);
  }

  /** The delivered files under {@code root} by relative path, without temp files and the test's own. */
  private static Map<String, String> objects(Path root) throws IOException {
    Map<String, String> objects = new TreeMap<>();
    if (!Files.isDirectory(root)) {
      return objects;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String name = root.relativize(file).toString();
        if (!file.getFileName().toString().startsWith(".") && !name.equals("blocker")
            && !name.startsWith("error-output")) {
          objects.put(name, new String(Files.readAllBytes(file), UTF_8));
        }
      }
    }
    return objects;
  }

  private void deleteObjects() throws IOException {
    for (String name : objects().keySet()) {
      Files.delete(dir.resolve(name));
    }
  }

  private static List<JsonNode> errorLines(Map<String, String> objects, String prefix) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (Map.Entry<String, String> object : objects.entrySet()) {
      if (object.getKey().startsWith(prefix)) {
        for (String line : object.getValue().split("\n")) {
          lines.add(JSON.readTree(line));
        }
      }
    }
    return lines;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), UTF_8);
  }
}

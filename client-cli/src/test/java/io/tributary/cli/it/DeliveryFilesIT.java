package io.tributary.cli.it;

import static io.tributary.cli.it.DeliveryCluster.LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.delivery.Compression;
import io.tributary.delivery.format.Codecs;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Delivery streams to a directory ({@code file://}) on real processes: 100,000 records exactly once
 * by content through a worker kill -9, dynamic partitioning by a record field, gzip and zstd objects
 * that decompress to exactly the input, Parquet files that the Parquet library reads back with the
 * declared schema (a record that does not match it goes to the error prefix with the reason), and
 * describe's record counts.
 */
@ExtendWith(SharedDeliveryCluster.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeliveryFilesIT {
  /** Every delivery stream here: 1 MiB or 1 s, whichever comes first; checkpoints every second. */
  static final List<String> SMALL_BUFFERS = List.of("--buffer-size", "1MiB", "--buffer-interval", "1s",
      "--checkpoint-interval", "1s");
  static final String PARQUET_SCHEMA = "message delivery_record {"
      + " required int64 id; required binary customer (STRING); required int64 amount; }";
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH").withZone(ZoneOffset.UTC);

  private static DeliveryCluster cluster;

  @BeforeAll
  static void useCluster(DeliveryCluster shared) {
    cluster = shared;
  }

  @Test
  @Order(1)
  void hundredThousandRecordsReachFilesExactlyOnceThroughAWorkerKill() throws Exception {
    Path out = cluster.newDir("files-kill");
    cluster.create("files-kill", args(out, "--shards", "2", "--parallelism", "2"));

    DeliveryWithKill.run(cluster, "files-kill", () -> DeliveryRecords.idCounts(objectLines(out, "files-kill")).size());

    List<String> lines = objectLines(out, "files-kill");
    DeliveryRecords.assertExactlyOnce(lines, DeliveryWithKill.RECORDS, out.toString());
    // A write cut by the kill may leave its hidden temporary file, never a visible partial object.
    assertThat(DeliveryRecords.files(out).keySet()).as("visible files that are not whole delivered objects")
        .filteredOn(key -> !key.substring(key.lastIndexOf('/') + 1).startsWith("."))
        .allMatch(key -> objectName("files-kill", "\\.json").matcher(key).matches());
    cluster.delete("files-kill");
  }

  @Test
  @Order(2)
  void dynamicPartitioningWritesEveryRecordUnderTheCustomerItNames() throws Exception {
    ZonedDateTime start = ZonedDateTime.now(Clock.systemUTC()).truncatedTo(ChronoUnit.HOURS);
    Path out = cluster.newDir("files-partitioned");
    cluster.create("files-partitioned", args(out, "--partition-key", "customer=customer",
        "--prefix", "events/!{partitionKey:customer}/!{timestamp:yyyy/MM/dd/HH}/"));
    cluster.awaitRunning("files-partitioned");
    cluster.put("files-partitioned", DeliveryRecords.range(0, 5_000));

    await().atMost(LONG).pollInterval(Duration.ofSeconds(1))
        .until(() -> DeliveryRecords.lines(DeliveryRecords.files(out).values()).size() >= 5_000);
    ZonedDateTime end = ZonedDateTime.now(Clock.systemUTC());

    Pattern layout = Pattern.compile("events/(c\\d)/(\\d{4}/\\d\\d/\\d\\d/\\d\\d)/files-partitioned-.+\\.json");
    Set<String> customers = new HashSet<>();
    List<String> all = new ArrayList<>();
    for (Map.Entry<String, byte[]> object : DeliveryRecords.files(out).entrySet()) {
      Matcher m = layout.matcher(object.getKey());
      assertThat(m.matches()).as("object key %s", object.getKey()).isTrue();
      assertThat(hours(start, end)).as("hour of %s", object.getKey()).contains(m.group(2));
      for (String line : DeliveryRecords.lines(List.of(object.getValue()))) {
        assertThat(DeliveryRecords.parse(line).get("customer").asText()).as("record in %s", object.getKey())
            .isEqualTo(m.group(1));
        all.add(line);
      }
      customers.add(m.group(1));
    }
    assertThat(customers).containsExactlyInAnyOrder("c0", "c1", "c2", "c3", "c4");
    DeliveryRecords.assertExactlyOnce(all, 5_000, out.toString());
    awaitCounts("files-partitioned", 5_000, 5_000);
    cluster.delete("files-partitioned");
  }

  @Test
  @Order(3)
  void gzipAndZstdObjectsDecompressToExactlyTheInput() throws Exception {
    List<String> input = DeliveryRecords.range(0, 2_000);
    for (Compression compression : List.of(Compression.GZIP, Compression.ZSTD)) {
      String name = "files-" + compression;
      Path out = cluster.newDir(name);
      cluster.create(name, args(out, "--compression", compression.toString()));
      cluster.awaitRunning(name);
      cluster.put(name, input);

      List<String> lines = new ArrayList<>();
      await().atMost(LONG).pollInterval(Duration.ofSeconds(1)).until(() -> {
        lines.clear();
        for (Map.Entry<String, byte[]> object : DeliveryRecords.files(out).entrySet()) {
          if (!objectName(name, Pattern.quote(".json" + compression.extension())).matcher(object.getKey()).matches()) {
            continue;
          }
          byte[] plain = Codecs.decompress(compression, object.getValue());
          assertThat(object.getValue()).as("%s is compressed", object.getKey()).isNotEqualTo(plain);
          lines.addAll(DeliveryRecords.lines(List.of(plain)));
        }
        return lines.size() >= input.size();
      });
      assertThat(lines).as("%s objects decompressed", compression).containsExactlyInAnyOrderElementsOf(input);
      assertThat(DeliveryRecords.files(out).keySet()).as("every file is a %s object", compression)
          .allMatch(key -> objectName(name, Pattern.quote(".json" + compression.extension())).matcher(key).matches());
      awaitCounts(name, input.size(), input.size());
      cluster.delete(name);
    }
  }

  @Test
  @Order(4)
  void parquetFilesReadBackWithTheDeclaredSchemaAndAMismatchGoesToTheErrorPrefixWithTheReason() throws Exception {
    Path out = cluster.newDir("files-parquet");
    cluster.create("files-parquet", args(out, "--format", "parquet", "--schema", PARQUET_SCHEMA,
        "--compression", "snappy"));
    cluster.awaitRunning("files-parquet");
    List<String> input = new ArrayList<>(DeliveryRecords.range(0, 2_000));
    Map<String, String> mismatches = Map.of(
        "{\"id\":\"not-a-number\",\"customer\":\"c1\",\"amount\":1}", "id",
        "{\"id\":900001,\"customer\":\"c2\"}", "amount",
        "{\"id\":900002,\"customer\":{\"name\":\"c3\"},\"amount\":3}", "customer");
    input.addAll(1_000, mismatches.keySet());
    // Fields the schema does not declare are left out, as Firehose's JSON deserializers do.
    input.add("{\"id\":2000,\"customer\":\"c0\",\"amount\":2000,\"coupon\":\"x\"}");
    cluster.put("files-parquet", input);

    Pattern parquet = objectName("files-parquet", Pattern.quote(".snappy.parquet"));
    List<ParquetObjects.Row> rows = new ArrayList<>();
    await().atMost(LONG).pollInterval(Duration.ofSeconds(1)).until(() -> {
      rows.clear();
      for (String key : DeliveryRecords.files(out).keySet()) {
        if (parquet.matcher(key).matches()) {
          assertThat(ParquetObjects.schema(out.resolve(key))).as("schema of %s", key)
              .isEqualTo(MessageTypeParser.parseMessageType(PARQUET_SCHEMA));
          rows.addAll(ParquetObjects.rows(out.resolve(key)));
        }
      }
      return rows.size() >= 2_001;
    });
    List<ParquetObjects.Row> expected = new ArrayList<>();
    for (long id = 0; id <= 2_000; id++) {
      expected.add(new ParquetObjects.Row(id, "c" + id % DeliveryRecords.CUSTOMERS, id));
    }
    assertThat(rows).containsExactlyInAnyOrderElementsOf(expected);

    List<JsonNode> errors = new ArrayList<>();
    await().atMost(LONG).pollInterval(Duration.ofSeconds(1)).until(() -> {
      errors.clear();
      errors.addAll(DeliveryRecords.errorRecords(
          DeliveryRecords.under(DeliveryRecords.files(out), "errors/format-conversion-failed/").values()));
      return errors.size() >= mismatches.size();
    });
    assertThat(errors).hasSize(mismatches.size());
    for (JsonNode error : errors) {
      String raw = DeliveryRecords.rawData(error);
      assertThat(mismatches).as("error output record %s", error).containsKey(raw);
      assertThat(error.get("errorMessage").asText()).as("reason for %s", raw).contains(mismatches.get(raw));
      assertThat(error.get("errorCode").asText()).isNotBlank();
      assertThat(error.get("deliveryStreamName").asText()).isEqualTo("files-parquet");
    }
    await().atMost(DeliveryCluster.QUICK).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      JsonNode description = cluster.describe("files-parquet");
      assertThat(DeliveryCluster.metric(description, "records_in")).isEqualTo(input.size());
      assertThat(DeliveryCluster.metric(description, "records_delivered")).isEqualTo(2_001);
      assertThat(DeliveryCluster.metric(description, "records_failed")).isEqualTo(mismatches.size());
    });
    cluster.delete("files-parquet");
  }

  /** The common create options for a file destination in {@code out}, then {@code more}. */
  static String[] args(Path out, String... more) {
    List<String> args = new ArrayList<>(List.of("--destination", out.toUri().toString()));
    args.addAll(SMALL_BUFFERS);
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  /** Waits until describe counts {@code in} records in and {@code delivered} delivered. */
  static void awaitCounts(String name, long in, long delivered) {
    await().atMost(DeliveryCluster.QUICK).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      JsonNode description = cluster.describe(name);
      assertThat(DeliveryCluster.metric(description, "records_in")).as("records_in").isEqualTo(in);
      assertThat(DeliveryCluster.metric(description, "records_delivered")).as("records_delivered")
          .isEqualTo(delivered);
    });
  }

  /** The name of a delivered object under the default prefix (an hour's folders). */
  static Pattern objectName(String stream, String extension) {
    return Pattern.compile("\\d{4}/\\d\\d/\\d\\d/\\d\\d/" + Pattern.quote(stream)
        + "-\\d{4}-\\d\\d-\\d\\d-\\d\\d-\\d\\d-\\d\\d-\\d+-\\d+-\\d+" + extension);
  }

  /**
   * The records of every delivered object of {@code stream} in {@code out} (not temporary files,
   * nor the error output).
   */
  private static List<String> objectLines(Path out, String stream) {
    Pattern name = objectName(stream, "\\.json");
    Map<String, byte[]> objects = DeliveryRecords.files(out);
    objects.keySet().removeIf(key -> !name.matcher(key).matches());
    return DeliveryRecords.lines(objects.values());
  }

  /** The hour folders from {@code start} to {@code end}. */
  private static Set<String> hours(ZonedDateTime start, ZonedDateTime end) {
    Set<String> hours = new HashSet<>();
    for (ZonedDateTime h = start; !h.isAfter(end); h = h.plusHours(1)) {
      hours.add(HOUR.format(h));
    }
    return hours;
  }
}

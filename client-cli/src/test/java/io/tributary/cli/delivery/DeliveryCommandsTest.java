package io.tributary.cli.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.cli.TestCli;
import io.tributary.cli.output.Json;
import io.tributary.delivery.Compression;
import io.tributary.delivery.OutputFormat;
import io.tributary.delivery.spec.DeliverySpec;
import io.tributary.proto.v1.CreateDeliveryStreamRequest;
import io.tributary.proto.v1.CreateDeliveryStreamResponse;
import io.tributary.proto.v1.DeleteDeliveryStreamRequest;
import io.tributary.proto.v1.DeliveryMetrics;
import io.tributary.proto.v1.DeliveryStreamDescription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The delivery commands against a coordinator whose DeliveryAdmin answers are scripted. */
class DeliveryCommandsTest {
  static final String JOB = "0123456789abcdef0123456789abcdef";

  @TempDir Path dir;
  private FakeDeliveryAdmin coordinator;

  @BeforeEach
  void start() {
    coordinator = new FakeDeliveryAdmin();
  }

  @AfterEach
  void stop() {
    coordinator.close();
  }

  private TestCli.Result trib(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--coordinator";
    all[1] = coordinator.address();
    System.arraycopy(args, 0, all, 2, args.length);
    return TestCli.run(all);
  }

  private DeliverySpec sentSpec() {
    return DeliverySpec.fromJson(((CreateDeliveryStreamRequest) coordinator.requests.get(0)).getSpecJson());
  }

  private DeliveryStreamDescription described(DeliverySpec spec) {
    return DeliveryStreamDescription.newBuilder().setName(spec.name()).setStatus("ACTIVE").setJobId(JOB)
        .setSpecJson(spec.toJson()).setSourceStream(spec.sourceStream()).setDirectPut(spec.directPut())
        .setDestination(spec.destination()).build();
  }

  @Test
  void createParsesEveryFlagIntoTheSpecAndPrintsTheJobAndWarnings() throws Exception {
    Path schema = dir.resolve("schema.txt");
    Files.writeString(schema, "message e { required binary customer (STRING); optional int64 n; }");
    coordinator.created = CreateDeliveryStreamResponse.newBuilder()
        .setDescription(DeliveryStreamDescription.newBuilder().setName("clicks").setJobId(JOB))
        .addWarnings("destination s3://bucket/p/ cannot be reached now").build();

    TestCli.Result r = trib("delivery", "create", "clicks", "--destination", "s3://bucket/p", "--shards", "3",
        "--buffer-size", "5MiB", "--buffer-interval", "5m", "--format", "parquet", "--schema", "@" + schema,
        "--compression", "zstd", "--prefix", "c=!{partitionKey:customer}/", "--error-prefix", "bad/!{error-output-type}/",
        "--partition-key", "customer=/customer", "--no-newline-delimiter", "--retry-duration", "0s",
        "--parallelism", "2", "--checkpoint-interval", "500ms", "--option", "s3.region=us-east-1",
        "--option", "s3.path-style=true");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.outLines()).containsExactly("created delivery stream clicks (job " + JOB + ")");
    assertThat(r.errLines()).containsExactly("WARNING: destination s3://bucket/p/ cannot be reached now");
    CreateDeliveryStreamRequest sent = (CreateDeliveryStreamRequest) coordinator.requests.get(0);
    assertThat(sent.getShardCount()).isEqualTo(3);
    assertThat(sent.getTransformJar().isEmpty()).isTrue();
    DeliverySpec spec = sentSpec();
    assertThat(spec.sourceStream()).isEqualTo("clicks-delivery-source");
    assertThat(spec.directPut()).isTrue();
    assertThat(spec.bufferSizeBytes()).isEqualTo(5L << 20);
    assertThat(spec.bufferIntervalMillis()).isEqualTo(300_000);
    assertThat(spec.format()).isEqualTo(OutputFormat.PARQUET);
    assertThat(spec.parquetSchema()).startsWith("message e {");
    assertThat(spec.compression()).isEqualTo(Compression.ZSTD);
    assertThat(spec.prefix()).isEqualTo("c=!{partitionKey:customer}/");
    assertThat(spec.errorPrefix()).isEqualTo("bad/!{error-output-type}/");
    assertThat(spec.partitionKeys()).containsExactly(Map.entry("customer", "/customer"));
    assertThat(spec.newlineDelimiter()).isFalse();
    assertThat(spec.retryDurationMillis()).isZero();
    assertThat(spec.parallelism()).isEqualTo(2);
    assertThat(spec.checkpointIntervalMillis()).isEqualTo(500);
    assertThat(spec.options()).containsOnly(Map.entry("s3.region", "us-east-1"), Map.entry("s3.path-style", "true"));
  }

  @Test
  void createFromAStreamUsesItAndTakesDefaults() {
    coordinator.created = CreateDeliveryStreamResponse.newBuilder()
        .setDescription(DeliveryStreamDescription.newBuilder().setName("orders").setJobId(JOB)).build();

    TestCli.Result r = trib("delivery", "create", "orders", "--destination", "file://" + dir, "--source",
        "stream:orders-in");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    DeliverySpec spec = sentSpec();
    assertThat(spec.sourceStream()).isEqualTo("orders-in");
    assertThat(spec.directPut()).isFalse();
    assertThat(spec.bufferSizeBytes()).isEqualTo(5L << 20);
    assertThat(spec.bufferIntervalMillis()).isEqualTo(300_000);
    assertThat(spec.prefix()).isEqualTo(DeliverySpec.DEFAULT_PREFIX);
    assertThat(spec.newlineDelimiter()).isTrue();
    assertThat(spec.parallelism()).isEqualTo(1);
  }

  @Test
  void badValuesAreUsageErrorsAndNothingIsSent() {
    String destination = "file://" + dir;
    assertUsage(trib("delivery", "create", "d", "--destination", destination, "--buffer-size", "5 parsecs"),
        "'5 parsecs' is not a size");
    assertUsage(trib("delivery", "create", "d", "--destination", destination, "--buffer-interval", "soon"),
        "duration 'soon' is not a number");
    assertUsage(trib("delivery", "create", "d", "--destination", destination, "--option", "novalue"),
        "'novalue' is not KEY=VALUE; write --option KEY=VALUE");
    assertUsage(trib("delivery", "create", "d", "--destination", destination, "--partition-key", "k"),
        "'k' is not NAME=JSON_PATH");
    assertUsage(trib("delivery", "create", "d", "--destination", destination, "--source", "kinesis"),
        "--source 'kinesis' is neither direct nor stream:NAME");
    assertUsage(trib("delivery", "create", "d", "--destination", destination, "--format", "csv"),
        "unknown format 'csv'");
    assertUsage(trib("delivery", "create", "d", "--destination", destination, "--source", "stream:s",
        "--shards", "2"), "--shards applies to --source direct only");
    assertThat(coordinator.requests).isEmpty();
  }

  private static void assertUsage(TestCli.Result r, String message) {
    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains(message);
  }

  @Test
  void specsTheCoordinatorWouldRefuseAreRefusedHereWithItsMessage() {
    String destination = "file://" + dir;
    assertRefused(trib("delivery", "create", "d", "--destination", destination, "--buffer-size", "1000"),
        "InvalidArgument: buffer size 1000 bytes is below the minimum 1048576 bytes (1 MiB); set --buffer-size"
            + " between 1 MiB and 128 MiB");
    assertRefused(trib("delivery", "create", "d", "--destination", "ftp://host/x"),
        "InvalidArgument: unknown destination scheme 'ftp:'");
    assertRefused(trib("delivery", "create", "d", "--destination", destination, "--prefix", "!{nope}/"),
        "InvalidArgument: ");
    assertRefused(trib("delivery", "create", "d", "--destination", destination, "--option", "s3.region=x"),
        "InvalidArgument: ");
    assertRefused(trib("delivery", "create", "d", "--destination", destination, "--format", "parquet",
        "--schema", "message {"), "InvalidArgument: --schema");
    assertThat(coordinator.requests).isEmpty();
  }

  private static void assertRefused(TestCli.Result r, String start) {
    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    assertThat(r.errLines()).singleElement().asString().startsWith(start);
  }

  @Test
  void describePrintsTheSpecStatusAndMetricsTableOrJson() throws Exception {
    DeliverySpec spec = new DeliverySpec("clicks", "clicks-delivery-source", true, 0, "file://" + dir, Map.of(),
        1 << 20, 60_000, OutputFormat.JSON, "", Compression.GZIP, null, null, "", Map.of(), true, "", 300_000, 1,
        5_000);
    coordinator.described = described(spec).toBuilder().setMetrics(DeliveryMetrics.newBuilder().setRecordsIn(100)
        .setRecordsDelivered(90).setRecordsFailed(4).setRecordsDropped(6).setBytesIn(2048).setBytesDelivered(1024)
        .setObjectsDelivered(3).setDeliveryFailures(2).setOldestUndeliveredAgeMs(1500)).build();

    TestCli.Result table = trib("delivery", "describe", "clicks");
    TestCli.Result json = trib("delivery", "describe", "clicks", "--json");

    assertThat(table.exit()).as(table.err()).isZero();
    assertThat(table.out()).containsPattern("status +ACTIVE").containsPattern("job +" + JOB)
        .containsPattern("source +direct \\(clicks-delivery-source\\)").containsPattern("format +json, gzip")
        .containsPattern("records in +100").containsPattern("records delivered +90")
        .containsPattern("records failed +4").containsPattern("records dropped +6")
        .containsPattern("bytes in +2048").containsPattern("bytes delivered +1024")
        .containsPattern("objects delivered +3").containsPattern("delivery failures +2")
        .containsPattern("data freshness \\(s\\) +1.5");
    JsonNode doc = Json.MAPPER.readTree(json.out());
    assertThat(doc.path("status").asText()).isEqualTo("ACTIVE");
    assertThat(doc.path("source").asText()).isEqualTo("direct");
    assertThat(doc.path("spec").path("compression").asText()).isEqualTo("GZIP");
    assertThat(doc.path("metrics").path("recordsDelivered").asLong()).isEqualTo(90);
    assertThat(doc.path("metrics").path("dataFreshnessSeconds").asDouble()).isEqualTo(1.5);
  }

  @Test
  void listPrintsATableOrAJsonArrayAndDeleteNamesTheStream() throws Exception {
    DeliverySpec spec = new DeliverySpec("orders", "orders-in", false, 7, "file://" + dir, Map.of(), 1 << 20,
        60_000, OutputFormat.JSON, "", Compression.NONE, null, null, "", Map.of(), true, "", 300_000, 1, 5_000);
    coordinator.described = described(spec);

    TestCli.Result table = trib("delivery", "list");
    TestCli.Result json = trib("--output", "json", "delivery", "list");
    TestCli.Result deleted = trib("delivery", "delete", "orders");

    assertThat(table.outLines().get(0)).containsPattern("NAME +STATUS +SOURCE +DESTINATION +JOB");
    assertThat(table.outLines().get(1)).containsPattern("orders +ACTIVE +stream:orders-in +file://.* +" + JOB);
    assertThat(Json.MAPPER.readTree(json.out()).get(0).path("name").asText()).isEqualTo("orders");
    assertThat(deleted.outLines()).containsExactly("deleted delivery stream orders");
    assertThat(coordinator.requests).last().isEqualTo(DeleteDeliveryStreamRequest.newBuilder().setName("orders")
        .build());
  }

  @Test
  void putToAStreamSourcedDeliveryStreamNamesTheStreamToPutTo() {
    coordinator.described = described(new DeliverySpec("orders", "orders-in", false, 7, "file://" + dir, Map.of(),
        1 << 20, 60_000, OutputFormat.JSON, "", Compression.NONE, null, null, "", Map.of(), true, "", 300_000, 1,
        5_000));

    TestCli.Result r = trib("delivery", "put", "orders", "--data", "{}");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.errLines()).contains("InvalidArgument: delivery stream 'orders' reads stream 'orders-in'; put"
        + " records to stream orders-in instead ('trib stream put orders-in')");
  }
}

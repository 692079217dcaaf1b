package io.tributary.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Processing and bad input of delivery streams on real processes: the examples' SampleTransform,
 * in a jar of its own, drops, rewrites and fails records, and each lands where it should (the
 * rewritten record in the objects, the dropped nowhere, the failed under the processing-failed
 * error prefix with its reason); {@code trib delivery create} refuses bad input with a clear error
 * and only warns about a destination it cannot reach.
 */
@ExtendWith(SharedDeliveryCluster.class)
class DeliveryProcessingIT {
  private static final Path EXAMPLES = Path.of("target", "tributary", "examples", "tributary-examples.jar");
  private static final String TRANSFORM = "io.tributary.examples.delivery.SampleTransform";
  private static DeliveryCluster cluster;

  @BeforeAll
  static void useCluster(DeliveryCluster shared) {
    cluster = shared;
  }

  @Test
  void aTransformDropsRewritesAndFailsRecordsAndEachLandsWhereItShould() throws Exception {
    Path jar = transformJar(cluster.newDir("transform").resolve("sample-transform.jar"));
    Path out = cluster.newDir("processed");
    cluster.create("processed", DeliveryFilesIT.args(out, "--transform", TRANSFORM, "--transform-jar", jar.toString()));
    cluster.awaitRunning("processed");
    Map<Long, String> failing = new HashMap<>();
    List<String> input = new ArrayList<>();
    for (long id = 0; id < 3_000; id++) {
      String json = DeliveryRecords.json(id);
      if (id % 10 == 1) {
        json = json.replace("}", ",\"drop\":true}");
      } else if (id % 10 == 2) {
        json = json.replace("}", ",\"fail\":true}");
        failing.put(id, json);
      }
      input.add(json);
    }
    cluster.put("processed", input);

    Pattern objects = DeliveryFilesIT.objectName("processed", "\\.json");
    List<String> delivered = new ArrayList<>();
    List<JsonNode> errors = new ArrayList<>();
    await().atMost(DeliveryCluster.LONG).pollInterval(Duration.ofSeconds(1)).until(() -> {
      Map<String, byte[]> files = DeliveryRecords.files(out);
      delivered.clear();
      delivered.addAll(DeliveryRecords.lines(files.entrySet().stream()
          .filter(e -> objects.matcher(e.getKey()).matches()).map(Map.Entry::getValue).toList()));
      errors.clear();
      errors.addAll(DeliveryRecords.errorRecords(DeliveryRecords.under(files, "errors/processing-failed/").values()));
      return delivered.size() >= 2_400 && errors.size() >= failing.size();
    });

    Map<Long, Integer> counts = DeliveryRecords.idCounts(delivered);
    assertThat(counts).as("ids delivered").hasSize(2_400).allSatisfy((id, n) -> {
      assertThat(n).as("copies of %d", id).isEqualTo(1);
      assertThat(id % 10).as("dropped or failed id %d delivered", id).isNotIn(1L, 2L);
    });
    for (String line : delivered) {
      JsonNode record = DeliveryRecords.parse(line);
      assertThat(record.get("customer").asText()).as("rewritten %s", line)
          .isEqualTo("C" + record.get("id").asLong() % DeliveryRecords.CUSTOMERS);
    }
    assertThat(errors).hasSize(failing.size());
    for (JsonNode error : errors) {
      String raw = DeliveryRecords.rawData(error);
      long id = DeliveryRecords.id(raw);
      assertThat(raw).as("the failed record as it came in").isEqualTo(failing.get(id));
      assertThat(error.get("errorMessage").asText()).isEqualTo("record " + id + " asked to fail");
    }
    await().atMost(DeliveryCluster.QUICK).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      JsonNode description = cluster.describe("processed");
      assertThat(DeliveryCluster.metric(description, "records_in")).isEqualTo(3_000);
      assertThat(DeliveryCluster.metric(description, "records_dropped")).isEqualTo(300);
      assertThat(DeliveryCluster.metric(description, "records_failed")).isEqualTo(300);
      assertThat(DeliveryCluster.metric(description, "records_delivered")).isEqualTo(2_400);
    });
    cluster.delete("processed");
  }

  @Test
  void badInputIsRefusedWithAClearErrorAndAnUnreachableEndpointOnlyWarns() throws Exception {
    Path out = cluster.newDir("bad-input");
    String file = out.toUri().toString();
    assertRefused("bad-scheme", "ftp", "--destination", "ftp://files.example.com/out/");
    assertRefused("bad-template", "!{nope}", "--destination", file, "--prefix", "events/!{nope}/");
    assertRefused("bad-size", "buffer size", "--destination", file, "--buffer-size", "200MiB");
    assertRefused("bad-interval", "buffer interval", "--destination", file, "--buffer-interval", "901s");
    assertRefused("bad-schema", "int99", "--destination", file, "--format", "parquet",
        "--schema", "message delivery_record { required int99 id; }");

    String unreachable = "http://127.0.0.1:" + closedPort() + "/firehose";
    EngineCli.Result created = cluster.cli().run(DeliveryCluster.QUICK, "delivery", "create", "unreachable",
        "--destination", unreachable, "--error-destination", file);
    assertThat(created.exit()).as("%s", created).isZero();
    assertThat(created.out()).contains("created delivery stream unreachable");
    assertThat(created.err().lines()).as("%s", created).anyMatch(l -> l.startsWith("WARNING") && l.contains("127.0.0.1"));
    cluster.delete("unreachable");
  }

  private static void assertRefused(String name, String named, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("delivery", "create", name));
    command.addAll(List.of(args));
    EngineCli.Result result = cluster.cli().run(DeliveryCluster.QUICK, command.toArray(String[]::new));
    assertThat(result.exit()).as("%s", result).isNotZero();
    assertThat(result.err()).as("%s", result).contains("InvalidArgument").contains(named);
    EngineCli.Result describe = cluster.cli().run(DeliveryCluster.QUICK, "delivery", "describe", name);
    assertThat(describe.exit()).as("a refused delivery stream does not exist: %s", describe).isNotZero();
  }

  /** A jar holding only the transform's classes, taken from the distribution's example jar. */
  private static Path transformJar(Path jar) throws IOException {
    assertThat(EXAMPLES).as("the distribution's example jobs").exists();
    String prefix = TRANSFORM.replace('.', '/');
    int copied = 0;
    try (JarFile examples = new JarFile(EXAMPLES.toFile());
        OutputStream file = Files.newOutputStream(jar);
        JarOutputStream target = new JarOutputStream(file)) {
      for (JarEntry entry : examples.stream().toList()) {
        if (entry.getName().equals(prefix + ".class") || entry.getName().startsWith(prefix + "$")) {
          target.putNextEntry(new JarEntry(entry.getName()));
          try (InputStream in = examples.getInputStream(entry)) {
            in.transferTo(target);
          }
          target.closeEntry();
          copied++;
        }
      }
    }
    assertThat(copied).as("classes of %s in %s", TRANSFORM, EXAMPLES).isPositive();
    return jar;
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

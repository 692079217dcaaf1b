package io.tributary.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.cli.output.Json;
import io.tributary.client.Producer;
import io.tributary.client.ProducerOptions;
import io.tributary.client.PutResult;
import io.tributary.client.TributaryClient;
import io.tributary.proto.v1.Acks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The delivery ITs' records, {@code {"id":N,"customer":"c<N%5>","amount":N}}: writing them (with
 * {@code trib delivery put} or the client's producer to the backing stream) and checking what
 * destinations received by content. Stateless.
 */
final class DeliveryRecords {
  static final int CUSTOMERS = 5;

  private DeliveryRecords() {}

  static String json(long id) {
    return "{\"id\":" + id + ",\"customer\":\"c" + (id % CUSTOMERS) + "\",\"amount\":" + id + "}";
  }

  /** Records {@code from} (inclusive) to {@code to} (exclusive). */
  static List<String> range(long from, long to) {
    List<String> lines = new ArrayList<>();
    for (long id = from; id < to; id++) {
      lines.add(json(id));
    }
    return lines;
  }

  /**
   * Writes {@code lines} to {@code stream} with an idempotent producer on another thread, at about
   * {@code perSecond} records per second, so that a fault can land while records still flow; the
   * future completes once every record is acknowledged.
   */
  static CompletableFuture<Void> produceInBackground(TributaryClient client, String stream, List<String> lines,
      int perSecond) {
    return CompletableFuture.runAsync(() -> produce(client, stream, lines, perSecond));
  }

  /** Writes {@code lines} to {@code stream} (paced as above; 0 = as fast as acknowledged). */
  static void produce(TributaryClient client, String stream, List<String> lines, int perSecond) {
    ProducerOptions options = ProducerOptions.defaults().withAcks(Acks.ACKS_ALL).withIdempotent(true)
        .withDeliveryTimeout(Duration.ofMinutes(3)).withMaxBufferedRecords(20_000);
    long nanosPerRecord = perSecond == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / perSecond;
    List<CompletableFuture<PutResult>> acks = new ArrayList<>(lines.size());
    try (Producer producer = client.newProducer(stream, options)) {
      long next = System.nanoTime();
      for (int i = 0; i < lines.size(); i++) {
        acks.add(producer.send("key-" + (i % 16), lines.get(i).getBytes(StandardCharsets.UTF_8)));
        next += nanosPerRecord;
        long wait = next - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
      }
      producer.flush();
    }
    CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).orTimeout(3, TimeUnit.MINUTES).join();
    assertThat(acks).allSatisfy(a -> assertThat(a.join().succeeded()).as("acknowledged").isTrue());
  }

  /** The id of one record as delivered. */
  static long id(String line) {
    try {
      return Json.MAPPER.readTree(line).get("id").asLong();
    } catch (IOException e) {
      throw new AssertionError("not a whole JSON record (a partial object?): '" + line + "'", e);
    }
  }

  static JsonNode parse(String line) {
    try {
      return Json.MAPPER.readTree(line);
    } catch (IOException e) {
      throw new AssertionError("not a whole JSON record: '" + line + "'", e);
    }
  }

  /** The records of newline-delimited objects: every line of every object. */
  static List<String> lines(Collection<byte[]> objects) {
    List<String> lines = new ArrayList<>();
    for (byte[] object : objects) {
      String text = new String(object, StandardCharsets.UTF_8);
      assertThat(text).as("a newline-delimited object ends with a newline").endsWith("\n");
      text.lines().forEach(lines::add);
    }
    return lines;
  }

  /** How often each id occurs in {@code lines}. */
  static Map<Long, Integer> idCounts(Collection<String> lines) {
    Map<Long, Integer> counts = new HashMap<>();
    for (String line : lines) {
      counts.merge(id(line), 1, Integer::sum);
    }
    return counts;
  }

  /** Every id in [0, count) exactly once, and nothing else. */
  static void assertExactlyOnce(Collection<String> lines, long count, String where) {
    Map<Long, Integer> counts = idCounts(lines);
    Map<Long, Integer> repeated = new TreeMap<>();
    counts.forEach((id, n) -> {
      if (n > 1) {
        repeated.put(id, n);
      }
    });
    assertThat(repeated.entrySet().stream().limit(20).toList())
        .as("ids delivered more than once to %s (id=times, first 20 of %d)", where, repeated.size()).isEmpty();
    List<Long> missing = new ArrayList<>();
    for (long id = 0; id < count && missing.size() < 20; id++) {
      if (!counts.containsKey(id)) {
        missing.add(id);
      }
    }
    assertThat(missing).as("ids missing from %s (first 20)", where).isEmpty();
    assertThat(lines).as("records at %s", where).hasSize((int) count);
  }

  /**
   * Every regular file under {@code dir} by its path relative to it ('/'-separated). A temporary
   * file renamed or deleted while the tree is read is left out: the next poll finds its object.
   */
  static Map<String, byte[]> files(Path dir) {
    Map<String, byte[]> files = new TreeMap<>();
    if (!Files.exists(dir)) {
      return files;
    }
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
          try {
            files.put(dir.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
          } catch (NoSuchFileException e) {
            // Renamed since it was listed.
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
          if (e instanceof NoSuchFileException) {
            return FileVisitResult.CONTINUE;
          }
          throw e;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the files under " + dir, e);
    }
    return files;
  }

  /** The entries of {@code all} whose key starts with {@code prefix}. */
  static Map<String, byte[]> under(Map<String, byte[]> all, String prefix) {
    Map<String, byte[]> selected = new TreeMap<>();
    all.forEach((key, bytes) -> {
      if (key.startsWith(prefix)) {
        selected.put(key, bytes);
      }
    });
    return selected;
  }

  /** The entries of {@code all} whose key does not start with {@code prefix}. */
  static Map<String, byte[]> notUnder(Map<String, byte[]> all, String prefix) {
    Map<String, byte[]> selected = new TreeMap<>(all);
    selected.keySet().removeIf(key -> key.startsWith(prefix));
    return selected;
  }

  /** The error output's records (JSON lines as Firehose writes them) in {@code objects}. */
  static List<JsonNode> errorRecords(Collection<byte[]> objects) {
    List<JsonNode> records = new ArrayList<>();
    for (String line : lines(objects)) {
      records.add(parse(line));
    }
    return records;
  }

  /** The record an error output record carries, as it arrived. */
  static String rawData(JsonNode errorRecord) {
    assertThat(errorRecord.hasNonNull("rawData")).as("rawData in %s", errorRecord).isTrue();
    return new String(Base64.getDecoder().decode(errorRecord.get("rawData").asText()), StandardCharsets.UTF_8);
  }
}

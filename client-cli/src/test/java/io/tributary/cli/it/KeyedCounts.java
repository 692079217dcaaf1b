package io.tributary.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.client.Position;
import io.tributary.client.Producer;
import io.tributary.client.ProducerOptions;
import io.tributary.client.PutResult;
import io.tributary.client.ReceivedRecord;
import io.tributary.client.StreamReader;
import io.tributary.client.TributaryClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Input and checks for the KeyedCount example: records with random partition keys (fixed seed),
 * the counts the test expects, and what the job wrote (output stream and committed files) as the
 * list of counts each key received. Exactly once means: for every key, exactly 1, 2, ..., n.
 * Stateless.
 */
final class KeyedCounts {
  private KeyedCounts() {}

  /** {@code records} partition keys {@code k0..k<keys-1>}, drawn with {@code seed}. */
  static List<String> keys(int records, int keys, long seed) {
    Random random = new Random(seed);
    List<String> out = new ArrayList<>(records);
    for (int i = 0; i < records; i++) {
      out.add("k" + random.nextInt(keys));
    }
    return out;
  }

  static Map<String, Long> expected(List<String> keys) {
    Map<String, Long> counts = new TreeMap<>();
    keys.forEach(k -> counts.merge(k, 1L, Long::sum));
    return counts;
  }

  /** Writes one record per key (its data is its index) and waits (bounded) for every acknowledgement. */
  static void produce(TributaryClient client, String stream, List<String> keys) throws Exception {
    int window = 50_000;
    try (Producer producer = client.newProducer(stream, ProducerOptions.defaults())) {
      for (int from = 0; from < keys.size(); from += window) {
        List<CompletableFuture<PutResult>> acks = new ArrayList<>();
        for (int i = from; i < Math.min(keys.size(), from + window); i++) {
          acks.add(producer.send(keys.get(i), Integer.toString(i).getBytes(StandardCharsets.UTF_8)));
        }
        producer.flush();
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        assertThat(acks).allSatisfy(a -> assertThat(a.join().succeeded()).isTrue());
      }
    }
  }

  /** Counts per key, in the order they arrived, from {@code key<TAB>count} lines. */
  static void add(Map<String, List<Long>> counts, String line) {
    int tab = line.indexOf('\t');
    if (tab > 0) {
      counts.computeIfAbsent(line.substring(0, tab), k -> new ArrayList<>()).add(Long.parseLong(line.substring(tab + 1)));
    }
  }

  /** What the output stream holds now, read to its current end. */
  static Map<String, List<Long>> readStream(TributaryClient client, String stream) {
    Map<String, List<Long>> counts = new HashMap<>();
    try (StreamReader reader = client.newStreamReader(stream, Position.trimHorizon())) {
      // A poll covers one shard: the end is several empty polls in a row with nothing behind.
      int empty = 0;
      while (empty < 20) {
        List<ReceivedRecord> records = reader.poll(10_000);
        empty = records.isEmpty() && reader.millisBehindLatest() == 0 ? empty + 1 : 0;
        for (ReceivedRecord r : records) {
          add(counts, new String(r.data(), StandardCharsets.UTF_8));
        }
      }
    }
    return counts;
  }

  /** What the committed files under {@code dirs} hold: final part files only, never in-progress or pending ones. */
  static Map<String, List<Long>> readFiles(Path... dirs) throws IOException {
    Map<String, List<Long>> counts = new HashMap<>();
    for (Path dir : dirs) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(KeyedCounts::committed).sorted().toList()) {
          Files.readAllLines(f, StandardCharsets.UTF_8).forEach(line -> add(counts, line));
        }
      }
    }
    return counts;
  }

  static boolean committed(Path file) {
    String name = file.getFileName().toString();
    return name.startsWith("part-") && name.endsWith(".txt");
  }

  /** The latest count of each key. */
  static Map<String, Long> latest(Map<String, List<Long>> counts) {
    Map<String, Long> latest = new TreeMap<>();
    counts.forEach((k, v) -> latest.put(k, v.stream().mapToLong(Long::longValue).max().orElse(0)));
    return latest;
  }

  /** True once every key reached its expected count (more work may still be in flight). */
  static boolean complete(Map<String, List<Long>> counts, Map<String, Long> expected) {
    return latest(counts).equals(expected);
  }

  /** Each key received 1..n exactly once (in any order across files): no loss, no duplicate. */
  static void assertExactlyOnce(Map<String, List<Long>> counts, Map<String, Long> expected, String what) {
    assertThat(counts.keySet()).as("keys in %s", what).containsExactlyInAnyOrderElementsOf(expected.keySet());
    expected.forEach((key, n) -> {
      List<Long> got = new ArrayList<>(counts.get(key));
      got.sort(null);
      List<Long> want = new ArrayList<>();
      for (long i = 1; i <= n; i++) {
        want.add(i);
      }
      assertThat(got).as("counts of %s in %s", key, what).isEqualTo(want);
    });
  }
}

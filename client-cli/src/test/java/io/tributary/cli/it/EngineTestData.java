package io.tributary.cli.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Inputs of the example jobs from fixed seeds, and the results the jobs must produce, computed
 * here independently of the engine. Stateless.
 */
final class EngineTestData {
  private static final String[] SEPARATORS = {" ", "  ", ", ", ". ", " - ", "; ", "\t", "! ", "'"};

  private EngineTestData() {}

  /**
   * Writes {@code files} text files of random words under {@code dir} (random case, punctuation
   * between words) and returns how often each lowercased word occurs.
   */
  static Map<String, Long> writeWords(Path dir, int files, int lines, long seed) throws IOException {
    Random random = new Random(seed);
    List<String> vocabulary = new ArrayList<>();
    for (int i = 0; i < 700; i++) {
      vocabulary.add(randomWord(random));
    }
    Map<String, Long> counts = new HashMap<>();
    Files.createDirectories(dir);
    for (int f = 0; f < files; f++) {
      StringBuilder text = new StringBuilder();
      for (int l = 0; l < lines; l++) {
        int words = random.nextInt(12);
        for (int w = 0; w < words; w++) {
          // Skewed, so that counts range from one to thousands.
          String word = vocabulary.get((int) (vocabulary.size() * Math.pow(random.nextDouble(), 3)));
          counts.merge(word, 1L, Long::sum);
          text.append(random.nextInt(4) == 0 ? word.toUpperCase(Locale.ROOT) : word)
              .append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
        }
        text.append('\n');
      }
      Files.writeString(dir.resolve("part-" + f + ".txt"), text, StandardCharsets.UTF_8);
    }
    return counts;
  }

  private static String randomWord(Random random) {
    String letters = "abcdefghijklmnopqrstuvwxyz0123456789";
    int length = 1 + random.nextInt(9);
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < length; i++) {
      word.append(letters.charAt(random.nextInt(i == 0 ? 26 : letters.length())));
    }
    return word.toString();
  }

  /** Every {@code word<TAB>count} line of the files under {@code dir}; fails on a word seen twice. */
  static Map<String, Long> readCounts(Path dir) throws IOException {
    Map<String, Long> counts = new HashMap<>();
    List<Path> files;
    try (var all = Files.walk(dir)) {
      files = all.filter(Files::isRegularFile).toList();
    }
    for (Path file : files) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String[] f = line.split("\t");
        if (counts.put(f[0], Long.parseLong(f[1])) != null) {
          throw new AssertionError("word '" + f[0] + "' was written twice (again in " + file + ")");
        }
      }
    }
    return counts;
  }

  /** A click as the example reads it. */
  record Click(String user, String page, long ts) {
    String json() {
      return "{\"user\":\"" + user + "\",\"page\":\"" + page + "\",\"ts\":" + ts + "}";
    }
  }

  /**
   * {@code minutes} minutes of clicks from {@code start} (a minute boundary), in the order they
   * are written: each click is at most 4 s older than any click written before it.
   */
  static List<Click> clicks(long start, int minutes, int perMinute, long seed) {
    Random random = new Random(seed);
    String[] pages = {"/", "/home", "/search", "/cart", "/checkout", "/help", "/about", "/products",
        "/products/1", "/products/2", "/products/3", "/login"};
    record Keyed(long sortKey, Click click) {}
    List<Keyed> keyed = new ArrayList<>();
    long step = 60_000L / perMinute;
    for (long i = 0; i < (long) minutes * perMinute; i++) {
      long ts = start + i * step;
      String page = pages[(int) (pages.length * Math.pow(random.nextDouble(), 2))];
      keyed.add(new Keyed(ts + random.nextInt(4_000), new Click("u" + random.nextInt(50), page, ts)));
    }
    keyed.sort(Comparator.comparingLong(Keyed::sortKey));
    return keyed.stream().map(Keyed::click).toList();
  }

  /** The top {@code n} lines per minute window: most clicks first, ties by page name. */
  static Set<String> topPages(List<Click> clicks, int n) {
    Map<Long, Map<String, Long>> perWindow = new TreeMap<>();
    for (Click c : clicks) {
      perWindow.computeIfAbsent(c.ts() - Math.floorMod(c.ts(), 60_000L), w -> new HashMap<>())
          .merge(c.page(), 1L, Long::sum);
    }
    Set<String> lines = new HashSet<>();
    perWindow.forEach((window, counts) -> {
      List<Map.Entry<String, Long>> ranked = new ArrayList<>(counts.entrySet());
      ranked.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
      for (int i = 0; i < Math.min(n, ranked.size()); i++) {
        lines.add(window + "\t" + (i + 1) + "\t" + ranked.get(i).getKey() + "\t" + ranked.get(i).getValue());
      }
    });
    return lines;
  }

  /** Profiles {@code userId,name,country}, one per user. */
  static List<String> users(int count, long seed) {
    Random random = new Random(seed);
    String[] countries = {"UK", "FR", "DE", "PT", "JP", "BR"};
    List<String> users = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      users.add("user-" + i + ",Name " + i + "," + countries[random.nextInt(countries.length)]);
    }
    return users;
  }

  /** Orders {@code orderId,userId,amount} of random users among {@code users}. */
  static List<String> orders(int count, int users, long seed) {
    Random random = new Random(seed);
    List<String> orders = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      orders.add("order-" + i + ",user-" + random.nextInt(users) + "," + random.nextInt(10_000) / 100.0);
    }
    return orders;
  }

  /** What the join must write: each order with its user's name and country. */
  static Set<String> enriched(List<String> orders, List<String> users) {
    Map<String, String> byId = new HashMap<>();
    for (String u : users) {
      String[] f = u.split(",");
      byId.put(f[0], f[1] + "," + f[2]);
    }
    Set<String> lines = new HashSet<>();
    for (String o : orders) {
      lines.add(o + "," + byId.get(o.split(",")[1]));
    }
    return lines;
  }
}

package io.tributary.gateway.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The options of {@link KinesisApiBench}: {@code --endpoint URL --stream NAME --records N
 * --record-size BYTES [--callers C] [--client sync|async] [--read]}. Immutable.
 */
record BenchArgs(String endpoint, String stream, long records, int recordSize, int callers, boolean async,
    boolean read) {
  private static final Set<String> FLAGS = Set.of("--read");

  BenchArgs {
    if (records < 1 || recordSize < 1 || callers < 1) {
      throw new IllegalArgumentException("--records, --record-size and --callers must be at least 1");
    }
  }

  static BenchArgs parse(String[] argv) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < argv.length; i++) {
      if (FLAGS.contains(argv[i])) {
        options.put(argv[i], "true");
      } else if (argv[i].startsWith("--") && i + 1 < argv.length) {
        options.put(argv[i], argv[++i]);
      } else {
        throw new IllegalArgumentException("unexpected argument '" + argv[i] + "'; usage: --endpoint URL"
            + " --stream NAME --records N --record-size BYTES [--callers C] [--client sync|async] [--read]");
      }
    }
    String client = options.getOrDefault("--client", "sync");
    if (!client.equals("sync") && !client.equals("async")) {
      throw new IllegalArgumentException("--client is sync (HTTP/1.1) or async (HTTP/2), not '" + client + "'");
    }
    return new BenchArgs(required(options, "--endpoint"), required(options, "--stream"),
        Long.parseLong(required(options, "--records")), Integer.parseInt(required(options, "--record-size")),
        Integer.parseInt(options.getOrDefault("--callers", "4")), client.equals("async"),
        options.containsKey("--read"));
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException("missing " + name);
    }
    return value;
  }
}

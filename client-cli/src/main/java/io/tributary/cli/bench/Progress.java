package io.tributary.cli.bench;

import io.tributary.cli.output.Human;
import java.io.PrintWriter;
import java.util.Locale;

/** Prints a benchmark's progress to stderr at most once per interval. Confined to one thread. */
final class Progress {
  private static final long INTERVAL_NANOS = 2_000_000_000L;

  private final PrintWriter err;
  private final String name;
  private final long start;
  private long lastPrint;
  private long lastCount;

  Progress(PrintWriter err, String name, long startNanos) {
    this.err = err;
    this.name = name;
    this.start = startNanos;
    this.lastPrint = startNanos;
  }

  /** Prints "name: <count> <what> (<rate>/s over the last interval)" when an interval has passed. */
  void maybePrint(long count, String what) {
    long now = System.nanoTime();
    if (now - lastPrint < INTERVAL_NANOS) {
      return;
    }
    double rate = (count - lastCount) / ((now - lastPrint) / 1e9);
    err.printf(Locale.ROOT, "%s: %s %s after %.0f s (%s/s now)%n",
        name, Human.count(count), what, (now - start) / 1e9, Human.count((long) rate));
    err.flush();
    lastPrint = now;
    lastCount = count;
  }
}

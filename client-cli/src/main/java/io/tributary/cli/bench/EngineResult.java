package io.tributary.cli.bench;

import java.time.Duration;
import java.util.Locale;

/**
 * An engine benchmark's outcome and its lines, which scripts parse:
 * {@code WALL events=N seconds=S events_per_s=X} (submission to the end seen by the command) and,
 * last, {@code RESULT events=N seconds=S events_per_s=X} over the job's net run time (from every
 * subtask running to the job's end), as Flink's net runtime counts. Immutable.
 */
public record EngineResult(long events, Duration netRunTime, Duration wallTime) {
  public String resultLine() {
    return line("RESULT", netRunTime);
  }

  public String wallLine() {
    return line("WALL", wallTime);
  }

  private String line(String label, Duration time) {
    double seconds = Math.max(time.toNanos(), 1) / 1e9;
    return String.format(Locale.ROOT, "%s events=%d seconds=%.3f events_per_s=%.1f", label, events, seconds,
        events / seconds);
  }
}

package io.tributary.examples.bench;

import io.tributary.api.JobArgs;
import io.tributary.api.JobEnvironment;
import io.tributary.api.functions.FilterFunction;
import io.tributary.api.functions.MapFunction;
import io.tributary.api.sinks.DiscardingSink;

/**
 * Engine benchmark (a): generator, map (re-key), filter (keeps 90%), discarding sink, all chained
 * into one task per subtask. Arguments: {@code --events N} (default 10,000,000).
 */
public final class StatelessBenchmarkJob {
  private StatelessBenchmarkJob() {}

  public static void main(String[] args) throws Exception {
    long events = JobArgs.parse(args).getLong("events", 10_000_000L);
    JobEnvironment env = JobEnvironment.getExecutionEnvironment();
    env.generate(new BenchmarkEvents(), 0, events)
        .map(new Rekey())
        .filter(new DropTenth())
        .sinkTo(new DiscardingSink<>());
    env.execute("bench-stateless");
  }

  /** Moves the event to another key in place. */
  static final class Rekey implements MapFunction<BenchmarkEvent, BenchmarkEvent> {
    private static final long serialVersionUID = 1L;

    @Override
    public BenchmarkEvent map(BenchmarkEvent event) {
      event.key = (event.key * 31 + 7) % BenchmarkEvent.KEYS;
      return event;
    }
  }

  /** Keeps the nine in ten events whose key does not end in 0. */
  static final class DropTenth implements FilterFunction<BenchmarkEvent> {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean filter(BenchmarkEvent event) {
      return event.key % 10 != 0;
    }
  }
}

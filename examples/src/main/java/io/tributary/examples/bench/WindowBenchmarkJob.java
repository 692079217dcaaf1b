package io.tributary.examples.bench;

import io.tributary.api.JobArgs;
import io.tributary.api.JobEnvironment;
import io.tributary.api.functions.AggregateFunction;
import io.tributary.api.functions.KeySelector;
import io.tributary.api.sinks.DiscardingSink;
import io.tributary.api.sources.GeneratorSource;
import io.tributary.api.time.TimestampAssigner;
import io.tributary.api.time.WatermarkStrategy;
import io.tributary.api.windowing.TumblingEventTimeWindows;
import io.tributary.examples.Durations;
import java.time.Duration;

/**
 * Engine benchmark (b): generator with monotonous event-time watermarks, keyBy over 10,000 keys,
 * 1 s tumbling event-time windows counting their events, discarding sink. The keyBy is a hash
 * exchange, so every event crosses a subtask boundary. Arguments: {@code --events N} (default
 * 10,000,000), {@code --checkpoint-interval D} (e.g. 1s; default 0, no checkpoints: the open windows
 * and their timers are the state a checkpoint copies).
 */
public final class WindowBenchmarkJob {
  private WindowBenchmarkJob() {}

  public static void main(String[] args) throws Exception {
    JobArgs arguments = JobArgs.parse(args);
    long events = arguments.getLong("events", 10_000_000L);
    Duration checkpoints = Durations.parse(arguments.get("checkpoint-interval", "0"), "--checkpoint-interval");
    JobEnvironment env = JobEnvironment.getExecutionEnvironment();
    if (!checkpoints.isZero()) {
      env.enableCheckpointing(checkpoints);
    }
    WatermarkStrategy<BenchmarkEvent> watermarks = WatermarkStrategy.<BenchmarkEvent>forMonotonousTimestamps()
        .withTimestampAssigner(new EventTime());
    env.fromSource(GeneratorSource.bounded(new BenchmarkEvents(), 0, events), watermarks, "Generator")
        .keyBy(new ByKey())
        .window(TumblingEventTimeWindows.of(Duration.ofSeconds(1)))
        .aggregate(new Count())
        .sinkTo(new DiscardingSink<>());
    env.execute("bench-window");
  }

  static final class EventTime implements TimestampAssigner<BenchmarkEvent> {
    private static final long serialVersionUID = 1L;

    @Override
    public long extractTimestamp(BenchmarkEvent event, long recordTimestamp) {
      return event.timestamp;
    }
  }

  static final class ByKey implements KeySelector<BenchmarkEvent, Long> {
    private static final long serialVersionUID = 1L;

    @Override
    public Long getKey(BenchmarkEvent event) {
      return event.key;
    }
  }

  /** Events per key and window. */
  static final class Count implements AggregateFunction<BenchmarkEvent, Long, Long> {
    private static final long serialVersionUID = 1L;

    @Override
    public Long createAccumulator() {
      return 0L;
    }

    @Override
    public Long add(BenchmarkEvent value, Long accumulator) {
      return accumulator + 1;
    }

    @Override
    public Long getResult(Long accumulator) {
      return accumulator;
    }

    @Override
    public Long merge(Long a, Long b) {
      return a + b;
    }
  }
}

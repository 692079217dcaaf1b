package io.tributary.cli.it;

import io.tributary.api.JobArgs;
import io.tributary.api.JobEnvironment;
import io.tributary.api.sinks.Sink;
import io.tributary.api.sinks.SinkWriter;
import io.tributary.api.sources.ConnectorContext;
import io.tributary.api.sources.GeneratorFunction;
import io.tributary.api.time.WatermarkStrategy;
import io.tributary.api.windowing.TumblingEventTimeWindows;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * An endless generator (one subtask) whose event time is assigned mid-stream, then keyed one-second
 * windows at {@code --parallelism}: the windows only fire if watermarks cross the exchange, since
 * the input never ends. Each window sum is appended to {@code --output}/window-sums-SUBTASK.txt as
 * {@code key<TAB>windowStart<TAB>sum} and flushed at once.
 */
public final class JobWithMidStreamWatermarks {
  /** Keys 5, 7, 12, 14 and 15 of these land on subtask 1 of 2 (key groups of 128). */
  static final int KEYS = 16;

  private JobWithMidStreamWatermarks() {}

  public static void main(String[] args) throws Exception {
    JobArgs parsed = JobArgs.parse(args);
    String output = parsed.required("output");
    JobEnvironment env = JobEnvironment.getExecutionEnvironment();
    env.generate(new Index(), 2_000).setParallelism(1)
        .assignTimestampsAndWatermarks(WatermarkStrategy.<Long>forBoundedOutOfOrderness(Duration.ZERO)
            .withTimestampAssigner((value, ts) -> value * 10))
        .keyBy(v -> v % KEYS)
        .window(TumblingEventTimeWindows.of(Duration.ofSeconds(1)))
        .reduce(Long::sum)
        .sinkTo(new AppendingSink(output));
    env.execute("mid-stream-watermarks");
  }

  static final class Index implements GeneratorFunction<Long> {
    private static final long serialVersionUID = 1L;

    @Override
    public Long map(long index) {
      return index;
    }
  }

  static final class AppendingSink implements Sink<Long> {
    private static final long serialVersionUID = 1L;
    private final String dir;

    AppendingSink(String dir) {
      this.dir = dir;
    }

    @Override
    public SinkWriter<Long> createWriter(ConnectorContext context) throws Exception {
      Path file = Path.of(dir).resolve("window-sums-" + context.subtaskIndex() + ".txt");
      Files.createDirectories(file.getParent());
      BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      return new SinkWriter<>() {
        @Override
        public void write(Long sum, long timestamp) throws Exception {
          out.write(timestamp + "\t" + sum + "\n");
          out.flush();
        }

        @Override
        public void close() throws Exception {
          out.close();
        }
      };
    }
  }
}

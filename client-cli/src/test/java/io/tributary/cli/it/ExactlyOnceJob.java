package io.tributary.cli.it;

import io.tributary.api.JobArgs;
import io.tributary.api.JobEnvironment;
import io.tributary.api.connectors.StartingPosition;
import io.tributary.api.connectors.StreamRecordSerializer;
import io.tributary.api.connectors.StreamSource;
import io.tributary.api.functions.KeySelector;
import io.tributary.api.functions.MapFunction;
import io.tributary.api.sources.GeneratorFunction;
import io.tributary.api.time.WatermarkStrategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Jobs writing to a stream with checkpoints every 500 ms. {@code --mode generate}: the numbers 1 to
 * {@code --count} at {@code --rate} per second, failing once (the first time record {@code
 * --fail-at} passes while {@code --marker} does not exist). {@code --mode bounded}: copies what
 * {@code --input} held at job start; its first record waits (up to a minute) for the file {@code
 * --go} after creating {@code --marker}, so a test can write to the input while the job runs.
 */
public final class ExactlyOnceJob {
  private ExactlyOnceJob() {}

  public static void main(String[] args) throws Exception {
    JobArgs arguments = JobArgs.parse(args);
    JobEnvironment env = JobEnvironment.getExecutionEnvironment();
    env.enableCheckpointing(Duration.ofMillis(500));
    String output = arguments.required("output");
    String marker = arguments.required("marker");
    if (arguments.required("mode").equals("generate")) {
      env.generate(new Numbers(), Long.parseLong(arguments.required("rate")), Long.parseLong(arguments.required("count")))
          .map(new FailOnce(marker, Long.parseLong(arguments.required("fail-at")))).name("Fail once").uid("fail-once")
          .sinkToStream(output, StreamRecordSerializer.utf8(new ByValue<>())).name("Out").uid("out");
    } else {
      StreamSource<String> input =
          StreamSource.utf8(arguments.required("input"), StartingPosition.TRIM_HORIZON).untilLatestAtStart();
      env.fromSource(input, WatermarkStrategy.noWatermarks(), "In").uid("in")
          .map(new Gate(marker, arguments.required("go"))).name("Gate").uid("gate")
          .sinkToStream(output, StreamRecordSerializer.utf8(new ByValue<>())).name("Out").uid("out");
    }
    env.execute("exactly-once-" + arguments.required("mode"));
  }

  static final class Numbers implements GeneratorFunction<Long> {
    private static final long serialVersionUID = 1L;

    @Override
    public Long map(long index) {
      return index + 1;
    }
  }

  static final class ByValue<T> implements KeySelector<T, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String getKey(T value) {
      return String.valueOf(value);
    }
  }

  static final class FailOnce implements MapFunction<Long, Long> {
    private static final long serialVersionUID = 1L;
    private final String marker;
    private final long failAt;

    FailOnce(String marker, long failAt) {
      this.marker = marker;
      this.failAt = failAt;
    }

    @Override
    public Long map(Long value) throws IOException {
      if (value == failAt && !Files.exists(Path.of(marker))) {
        Files.createFile(Path.of(marker));
        throw new IllegalStateException("injected failure at record " + value);
      }
      return value;
    }
  }

  static final class Gate implements MapFunction<String, String> {
    private static final long serialVersionUID = 1L;
    private final String marker;
    private final String go;
    private transient boolean opened;

    Gate(String marker, String go) {
      this.marker = marker;
      this.go = go;
    }

    @Override
    public String map(String value) throws IOException {
      if (!opened) {
        Files.createFile(Path.of(marker));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!Files.exists(Path.of(go)) && System.nanoTime() < deadline) {
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        opened = true;
      }
      return value;
    }
  }
}

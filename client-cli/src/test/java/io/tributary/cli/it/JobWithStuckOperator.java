package io.tributary.cli.it;

import io.tributary.api.JobArgs;
import io.tributary.api.JobEnvironment;
import io.tributary.api.checkpoint.CheckpointSettings;
import io.tributary.api.functions.MapFunction;
import io.tributary.api.sinks.DiscardingSink;
import io.tributary.api.sources.GeneratorFunction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * An endless, slow generator, round-robin into a map that blocks while the file {@code --marker}
 * exists, into a discarding sink; checkpoints every second, each timing out after {@code
 * --timeout-ms} (default 3000). While the map blocks, no barrier passes it, so checkpoints time out;
 * once the marker is gone, they complete again.
 */
public final class JobWithStuckOperator {
  private JobWithStuckOperator() {}

  public static void main(String[] args) throws Exception {
    JobArgs arguments = JobArgs.parse(args);
    String marker = arguments.required("marker");
    JobEnvironment env = JobEnvironment.getExecutionEnvironment();
    env.setCheckpointSettings(CheckpointSettings.every(Duration.ofSeconds(1))
        .withTimeout(Duration.ofMillis(arguments.getLong("timeout-ms", 3_000))));
    env.generate(new Index(), 200).uid("generator")
        .rebalance()
        .map(new StuckWhileMarked(marker)).name("Stuck while marked").uid("stuck")
        .sinkTo(new DiscardingSink<>()).name("Discard");
    env.execute("job-with-stuck-operator");
  }

  static final class Index implements GeneratorFunction<Long> {
    private static final long serialVersionUID = 1L;

    @Override
    public Long map(long index) {
      return index;
    }
  }

  /** Passes records on, but waits while the marker file exists. Confined to the subtask's thread. */
  static final class StuckWhileMarked implements MapFunction<Long, Long> {
    private static final long serialVersionUID = 1L;
    private final String marker;

    StuckWhileMarked(String marker) {
      this.marker = marker;
    }

    @Override
    public Long map(Long value) throws InterruptedException {
      // The test bounds the wait: it removes the marker, or cancels the job, which interrupts this.
      while (Files.exists(Path.of(marker))) {
        Thread.sleep(20);
      }
      return value;
    }
  }
}

package io.tributary.cli.it;

import io.tributary.api.JobArgs;
import io.tributary.api.JobEnvironment;
import io.tributary.api.sinks.Sink;
import io.tributary.api.sinks.SinkWriter;
import io.tributary.api.sources.ConnectorContext;
import io.tributary.api.sources.GeneratorFunction;

/**
 * An endless generator as fast as it can, round-robin into a sink that sleeps {@code --sleep-ms}
 * (default 1) per record: only back-pressure can keep the generator at the sink's pace.
 */
public final class JobWithSlowSink {
  private JobWithSlowSink() {}

  public static void main(String[] args) throws Exception {
    long sleepMs = JobArgs.parse(args).getLong("sleep-ms", 1);
    JobEnvironment env = JobEnvironment.getExecutionEnvironment();
    env.generate(new Index(), 0).rebalance().sinkTo(new SlowSink(sleepMs)).name("Slow sink");
    env.execute("job-with-slow-sink");
  }

  static final class Index implements GeneratorFunction<Long> {
    private static final long serialVersionUID = 1L;

    @Override
    public Long map(long index) {
      return index;
    }
  }

  static final class SlowSink implements Sink<Long> {
    private static final long serialVersionUID = 1L;
    private final long sleepMs;

    SlowSink(long sleepMs) {
      this.sleepMs = sleepMs;
    }

    @Override
    public SinkWriter<Long> createWriter(ConnectorContext context) {
      return (value, timestamp) -> Thread.sleep(sleepMs);
    }
  }
}

package io.tributary.cli.it;

import io.tributary.api.JobArgs;
import io.tributary.api.JobEnvironment;
import io.tributary.api.functions.Collector;
import io.tributary.api.functions.KeySelector;
import io.tributary.api.functions.KeyedProcessFunction;
import io.tributary.api.functions.RuntimeContext;
import io.tributary.api.sinks.DiscardingSink;
import io.tributary.api.sources.GeneratorFunction;
import io.tributary.api.state.ValueState;
import io.tributary.api.state.ValueStateDescriptor;
import java.time.Duration;

/**
 * Builds keyed state of a chosen size for checkpoint measurements: an endless generator at
 * {@code --rate} records/s over {@code --keys} keys; each key keeps a {@code --bytes} array in value
 * state, so the state reaches keys x bytes once every key was seen. Checkpoints every {@code
 * --checkpoint-seconds} (default 5). Used by the benchmarks, not by tests.
 */
public final class JobWithLargeState {
  private JobWithLargeState() {}

  public static void main(String[] args) throws Exception {
    JobArgs arguments = JobArgs.parse(args);
    int keys = arguments.getInt("keys", 100_000);
    int bytes = arguments.getInt("bytes", 1_000);
    JobEnvironment env = JobEnvironment.getExecutionEnvironment();
    env.enableCheckpointing(Duration.ofSeconds(arguments.getLong("checkpoint-seconds", 5)));
    env.generate(new Index(), arguments.getLong("rate", 50_000)).uid("generator")
        .keyBy(new ModKeys(keys))
        .process(new Payload(bytes)).name("Payload per key").uid("payload")
        .sinkTo(new DiscardingSink<>());
    env.execute("job-with-large-state");
  }

  static final class Index implements GeneratorFunction<Long> {
    private static final long serialVersionUID = 1L;

    @Override
    public Long map(long index) {
      return index;
    }
  }

  static final class ModKeys implements KeySelector<Long, Long> {
    private static final long serialVersionUID = 1L;
    private final int keys;

    ModKeys(int keys) {
      this.keys = keys;
    }

    @Override
    public Long getKey(Long value) {
      return value % keys;
    }
  }

  /** Gives each key a payload the first time it is seen, and touches it afterwards. Confined to the subtask's thread. */
  static final class Payload extends KeyedProcessFunction<Long, Long, Long> {
    private static final long serialVersionUID = 1L;
    private final int bytes;
    private transient ValueState<byte[]> payload;

    Payload(int bytes) {
      this.bytes = bytes;
    }

    @Override
    public void open(RuntimeContext context) {
      payload = context.getState(new ValueStateDescriptor<>("payload", null));
    }

    @Override
    public void processElement(Long value, Context ctx, Collector<Long> out) {
      byte[] current = payload.value();
      if (current == null) {
        current = new byte[bytes];
      }
      current[(int) (value % bytes)]++;
      payload.update(current);
    }
  }
}

package io.tributary.examples;

import io.tributary.api.DataStream;
import io.tributary.api.JobArgs;
import io.tributary.api.JobEnvironment;
import io.tributary.api.connectors.StartingPosition;
import io.tributary.api.connectors.StreamRecordDeserializer;
import io.tributary.api.connectors.StreamRecordSerializer;
import io.tributary.api.connectors.StreamSource;
import io.tributary.api.functions.Collector;
import io.tributary.api.functions.KeySelector;
import io.tributary.api.functions.KeyedProcessFunction;
import io.tributary.api.functions.RuntimeContext;
import io.tributary.api.sources.Source;
import io.tributary.api.state.ValueState;
import io.tributary.api.state.ValueStateDescriptor;
import io.tributary.api.time.WatermarkStrategy;
import java.time.Duration;

/**
 * Counts records per partition key of a stream, with checkpoints, and writes {@code key<TAB>count}
 * lines exactly once to files under {@code --output DIR} (only committed files are final) and, with
 * {@code --output-stream NAME}, to that stream (partitioned by key). Arguments: {@code --stream NAME}
 * (read from its oldest record), {@code --bounded} (read each shard up to its last record at job
 * start, then finish), {@code --checkpoint-interval} (default 1s).
 *
 * <p>Unbounded, every record emits its key's new count, so the last line of a key is its count so
 * far and a key's lines are 1, 2, 3, ... without gap or repeat. Bounded, only final counts are
 * written: one line per key, from an event-time timer at {@link Long#MAX_VALUE}, which fires when
 * the input ends (as in {@link WordCount}).
 */
public final class KeyedCount {
  private KeyedCount() {}

  public static void main(String[] args) throws Exception {
    JobArgs arguments = JobArgs.parse(args);
    String stream = arguments.required("stream");
    String output = arguments.required("output");
    boolean bounded = arguments.getBoolean("bounded", false);
    JobEnvironment env = JobEnvironment.getExecutionEnvironment();
    env.enableCheckpointing(Durations.parse(arguments.get("checkpoint-interval", "1s"), "--checkpoint-interval"));
    DataStream<KeyCount> counts = env.fromSource(source(stream, bounded), WatermarkStrategy.noWatermarks(), "Stream " + stream)
        .uid("source")
        .keyBy(new Identity())
        .process(new CountPerKey(bounded)).name("Count").uid("count");
    counts.writeAsText(output).name("Files").uid("files");
    arguments.get("output-stream").ifPresent(name ->
        counts.sinkToStream(name, StreamRecordSerializer.utf8(new ByKey())).name("Stream " + name).uid("output-stream"));
    env.execute(bounded ? "keyed-count-bounded" : "keyed-count");
  }

  static Source<String> source(String stream, boolean bounded) {
    StreamSource<String> keys = new StreamSource<>(stream, StartingPosition.TRIM_HORIZON, new PartitionKey());
    return bounded ? keys.untilLatestAtStart() : keys;
  }

  /** A key's count, written as {@code key<TAB>count}. */
  public record KeyCount(String key, long count) {
    @Override
    public String toString() {
      return key + "\t" + count;
    }
  }

  /** A record is counted under its partition key; its data does not matter. */
  static final class PartitionKey implements StreamRecordDeserializer<String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String deserialize(String partitionKey, byte[] data) {
      return partitionKey;
    }
  }

  static final class Identity implements KeySelector<String, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String getKey(String key) {
      return key;
    }
  }

  static final class ByKey implements KeySelector<KeyCount, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String getKey(KeyCount value) {
      return value.key();
    }
  }

  /**
   * Counts each key in keyed state; emits every new count, or (bounded) the final one when the
   * input ended. Confined to the subtask's thread.
   */
  static final class CountPerKey extends KeyedProcessFunction<String, String, KeyCount> {
    private static final long serialVersionUID = 1L;
    private final boolean finalOnly;
    private transient ValueState<Long> count;

    CountPerKey(boolean finalOnly) {
      this.finalOnly = finalOnly;
    }

    @Override
    public void open(RuntimeContext context) {
      count = context.getState(new ValueStateDescriptor<>("count", 0L));
    }

    @Override
    public void processElement(String key, Context ctx, Collector<KeyCount> out) {
      long next = count.value() + 1;
      count.update(next);
      if (!finalOnly) {
        out.collect(new KeyCount(key, next));
      } else if (next == 1) {
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
      }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<KeyCount> out) {
      out.collect(new KeyCount(ctx.getCurrentKey(), count.value()));
    }
  }
}

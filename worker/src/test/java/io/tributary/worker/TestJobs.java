package io.tributary.worker;

import io.tributary.api.functions.KeySelector;
import io.tributary.api.graph.ChainedNode;
import io.tributary.api.graph.ChainedOutput;
import io.tributary.api.graph.JobEdge;
import io.tributary.api.graph.JobPlan;
import io.tributary.api.graph.JobVertex;
import io.tributary.api.graph.Partitioning;
import io.tributary.api.metrics.Counter;
import io.tributary.api.operators.OneInputOperator;
import io.tributary.api.operators.OperatorContext;
import io.tributary.api.operators.Output;
import io.tributary.api.sources.ConnectorContext;
import io.tributary.api.sources.InputStatus;
import io.tributary.api.sources.Source;
import io.tributary.api.sources.SourceOutput;
import io.tributary.api.sources.SourceReader;
import io.tributary.api.time.WatermarkStrategy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/** Tiny sources, operators and hand-built plans for worker tests; results land in static maps by run id. */
public final class TestJobs {
  /** Per run: key to count of records the sink saw. */
  public static final Map<String, Map<Long, AtomicLong>> COUNTS = new ConcurrentHashMap<>();
  /** Per run: records every source subtask emitted. */
  public static final Map<String, AtomicLong> EMITTED = new ConcurrentHashMap<>();
  /** Per run: watermarks the sink saw, in order. */
  public static final Map<String, List<Long>> WATERMARKS = new ConcurrentHashMap<>();

  private TestJobs() {}

  public static Map<Long, AtomicLong> counts(String run) {
    return COUNTS.computeIfAbsent(run, r -> new ConcurrentHashMap<>());
  }

  public static long total(String run) {
    return counts(run).values().stream().mapToLong(AtomicLong::get).sum();
  }

  public static AtomicLong emitted(String run) {
    return EMITTED.computeIfAbsent(run, r -> new AtomicLong());
  }

  public static List<Long> watermarks(String run) {
    return WATERMARKS.computeIfAbsent(run, r -> new CopyOnWriteArrayList<>());
  }

  /**
   * Numbers {@code 0..count-1} (count -1: endless), subtask i of p emitting those with n % p == i,
   * each with timestamp n; subtasks listed in {@code silent} emit nothing and never end.
   */
  public record SequenceSource(String run, long count, List<Integer> silent) implements Source<Long> {
    @Override
    public boolean bounded() {
      return count >= 0;
    }

    @Override
    public SourceReader<Long> createReader(ConnectorContext context) {
      int subtask = context.subtaskIndex();
      int parallelism = context.parallelism();
      boolean isSilent = silent.contains(subtask);
      AtomicLong emitted = emitted(run);
      return new SourceReader<>() {
        private long next = subtask;

        @Override
        public InputStatus pollNext(SourceOutput<Long> output) {
          if (isSilent) {
            return InputStatus.NOTHING_AVAILABLE;
          }
          for (int i = 0; i < 100; i++) {
            if (count >= 0 && next >= count) {
              return InputStatus.END_OF_INPUT;
            }
            output.collect(next, next);
            emitted.incrementAndGet();
            next += parallelism;
          }
          return InputStatus.MORE_AVAILABLE;
        }
      };
    }
  }

  /** Passes records on; fails with "boom at N" on record {@code failAt}. */
  public static final class PassOperator implements OneInputOperator<Long, Long> {
    private static final long serialVersionUID = 1L;
    private final long failAt;
    private transient Output<Long> output;

    public PassOperator(long failAt) {
      this.failAt = failAt;
    }

    @Override
    public void open(OperatorContext context, Output<Long> output) {
      this.output = output;
    }

    @Override
    public void processElement(Long value, long timestamp) {
      if (value == failAt) {
        throw new IllegalStateException("boom at " + value);
      }
      output.collect(value, timestamp);
    }

    @Override
    public void processWatermark(long watermark) {
      output.emitWatermark(watermark);
    }

    @Override
    public void processIdle(boolean idle) {
      output.emitIdle(idle);
    }
  }

  /** Counts records per key (value % 10) into {@link #COUNTS}; optionally slow; notes watermarks. */
  public static final class CountingSink implements OneInputOperator<Long, Void> {
    /** The user counter of records this sink counted. */
    public static final String COUNTED = "test.records_counted";
    private static final long serialVersionUID = 1L;
    private final String run;
    private final Duration perRecord;
    private transient Map<Long, AtomicLong> counts;
    private transient Counter counted;

    public CountingSink(String run, Duration perRecord) {
      this.run = run;
      this.perRecord = perRecord;
    }

    @Override
    public void open(OperatorContext context, Output<Void> output) {
      counts = counts(run);
      counted = context.metrics().counter(COUNTED);
    }

    @Override
    public void processElement(Long value, long timestamp) {
      if (!perRecord.isZero()) {
        LockSupport.parkNanos(perRecord.toNanos()); // a slow external system
      }
      counts.computeIfAbsent(value % 10, k -> new AtomicLong()).incrementAndGet();
      counted.inc();
    }

    @Override
    public void processWatermark(long watermark) {
      watermarks(run).add(watermark);
    }
  }

  public static KeySelector<Long, Long> byLastDigit() {
    return (KeySelector<Long, Long>) value -> value % 10;
  }

  /**
   * Vertex 0: source -> pass (chained), hash by last digit to vertex 1: counting sink.
   */
  public static JobPlan sourceKeyedSink(String name, Source<Long> source, WatermarkStrategy<Long> watermarks,
      long failAt, int sourceParallelism, CountingSink sink, int sinkParallelism) {
    JobEdge edge = new JobEdge(0, 1, 0, null, 1, 1, new Partitioning.Hash(byLastDigit()));
    JobVertex sources = new JobVertex(0, "source -> pass", sourceParallelism,
        List.of(new ChainedNode(0, "source", source, watermarks, List.of(new ChainedOutput(1, null))),
            new ChainedNode(1, "pass", new PassOperator(failAt), null, List.of())),
        List.of(), List.of(edge));
    JobVertex sinks = new JobVertex(1, "count", sinkParallelism,
        List.of(new ChainedNode(2, "count", sink, null, List.of())), List.of(edge), List.of());
    return new JobPlan(name, 128, source.bounded(), List.of(sources, sinks));
  }

  public static byte[] serialize(Serializable plan) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(plan);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}

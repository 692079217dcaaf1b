package io.tributary.worker;

import io.tributary.api.checkpoint.OperatorRestore;
import io.tributary.api.checkpoint.OperatorSnapshot;
import io.tributary.api.graph.ChainedNode;
import io.tributary.api.graph.ChainedOutput;
import io.tributary.api.graph.JobEdge;
import io.tributary.api.graph.JobPlan;
import io.tributary.api.graph.JobVertex;
import io.tributary.api.graph.KeyGroups;
import io.tributary.api.graph.Partitioning;
import io.tributary.api.operators.OneInputOperator;
import io.tributary.api.operators.OperatorContext;
import io.tributary.api.operators.Output;
import io.tributary.api.sources.ConnectorContext;
import io.tributary.api.sources.InputStatus;
import io.tributary.api.sources.Source;
import io.tributary.api.sources.SourceOutput;
import io.tributary.api.sources.SourceReader;
import io.tributary.api.time.WatermarkStrategy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A checkpointed source and a keyed counter whose results are exact only with consistent restores. */
final class CheckpointJobs {
  /** Per run: numbers below this are emitted; the source waits at it. */
  static final Map<String, AtomicLong> LIMITS = new ConcurrentHashMap<>();
  /** Per run: the counts per key the counters held when their input ended. */
  static final Map<String, Map<Long, Long>> RESULTS = new ConcurrentHashMap<>();
  static final int SPLITS = 8;

  private CheckpointJobs() {}

  static AtomicLong limit(String run) {
    return LIMITS.computeIfAbsent(run, r -> new AtomicLong());
  }

  static Map<Long, Long> results(String run) {
    return RESULTS.computeIfAbsent(run, r -> new ConcurrentHashMap<>());
  }

  /** Where split {@code split} continues: the next number it emits. */
  record SplitPosition(int split, long next) {}

  /** Numbers 0..count-1 in 8 splits (n % 8); subtask i of p reads the splits k with k % p == i. */
  record SplitSource(String run, long count) implements Source<Long> {
    @Override
    public boolean bounded() {
      return true;
    }

    @Override
    public SourceReader<Long> createReader(ConnectorContext context) {
      Map<Integer, Long> next = new HashMap<>();
      for (int k = context.subtaskIndex(); k < SPLITS; k += context.parallelism()) {
        next.put(k, (long) k);
      }
      for (Object entry : context.restoredState()) {
        SplitPosition p = (SplitPosition) entry;
        if (next.containsKey(p.split())) {
          next.put(p.split(), p.next());
        }
      }
      AtomicLong limit = limit(run);
      AtomicLong emitted = TestJobs.emitted(run);
      return new SourceReader<>() {
        @Override
        public InputStatus pollNext(SourceOutput<Long> output) {
          boolean more = false;
          boolean waiting = false;
          for (Map.Entry<Integer, Long> e : next.entrySet()) {
            long n = e.getValue();
            for (int i = 0; i < 20 && n < count && n < limit.get(); i++) {
              output.collect(n, n);
              emitted.incrementAndGet();
              n += SPLITS;
            }
            e.setValue(n);
            more |= n < count && n < limit.get();
            waiting |= n < count;
          }
          return more ? InputStatus.MORE_AVAILABLE : waiting ? InputStatus.NOTHING_AVAILABLE : InputStatus.END_OF_INPUT;
        }

        @Override
        public List<Object> snapshotState(long checkpointId) {
          List<Object> positions = new ArrayList<>();
          next.forEach((split, n) -> positions.add(new SplitPosition(split, n)));
          return positions;
        }
      };
    }
  }

  /** Counts records per key (n % 10) in keyed state; publishes its counts when its input ends. */
  static final class KeyedCounter implements OneInputOperator<Long, Void> {
    private static final long serialVersionUID = 1L;
    private final String run;
    private transient Map<Long, Long> counts;
    private transient int maxParallelism;

    KeyedCounter(String run) {
      this.run = run;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void initializeState(OperatorRestore restored) {
      counts = new HashMap<>();
      restored.keyGroups().values().forEach(group -> counts.putAll((Map<Long, Long>) group));
    }

    @Override
    public void open(OperatorContext context, Output<Void> output) {
      maxParallelism = context.maxParallelism();
      if (counts == null) {
        counts = new HashMap<>();
      }
    }

    @Override
    public void processElement(Long value, long timestamp) {
      counts.merge(value % 10, 1L, Long::sum);
    }

    @Override
    public void processWatermark(long watermark) {}

    @Override
    public OperatorSnapshot snapshotState(long checkpointId) {
      Map<Integer, Object> groups = new HashMap<>();
      counts.forEach((key, count) -> ((Map<Long, Long>) groups.computeIfAbsent(
          KeyGroups.keyGroupFor(key, maxParallelism), g -> new HashMap<Long, Long>())).put(key, count));
      return new OperatorSnapshot(groups, Map.of(), Map.of());
    }

    @Override
    public void finish() {
      results(run).putAll(counts);
    }
  }

  /** Vertex 0: split source (uid "numbers"), hash by last digit to vertex 1: keyed counter (uid "counter"). */
  static JobPlan plan(String run, long count, int sourceParallelism, int counterParallelism) {
    JobEdge edge = new JobEdge(0, 0, 0, null, 1, 1, new Partitioning.Hash(TestJobs.byLastDigit()));
    JobVertex sources = new JobVertex(0, "numbers", sourceParallelism,
        List.of(new ChainedNode(0, "numbers", new SplitSource(run, count), WatermarkStrategy.noWatermarks(),
            List.<ChainedOutput>of(), "numbers")),
        List.of(), List.of(edge));
    JobVertex counters = new JobVertex(1, "counter", counterParallelism,
        List.of(new ChainedNode(1, "counter", new KeyedCounter(run), null, List.of(), "counter")), List.of(edge),
        List.of());
    return new JobPlan("checkpointed-count", 128, true, List.of(sources, counters));
  }
}

package io.tributary.api;

import io.tributary.api.checkpoint.CheckpointSettings;
import io.tributary.api.checkpoint.RestartStrategy;
import io.tributary.api.connectors.StartingPosition;
import io.tributary.api.connectors.StreamSource;
import io.tributary.api.graph.JobExecutor;
import io.tributary.api.graph.JobExecutors;
import io.tributary.api.graph.JobPlan;
import io.tributary.api.graph.JobPlanner;
import io.tributary.api.graph.JobResult;
import io.tributary.api.graph.LogicalInput;
import io.tributary.api.graph.StreamGraph;
import io.tributary.api.operators.StreamOperator;
import io.tributary.api.sources.ElementsSource;
import io.tributary.api.sources.GeneratorFunction;
import io.tributary.api.sources.GeneratorSource;
import io.tributary.api.sources.SequenceSource;
import io.tributary.api.sources.Source;
import io.tributary.api.sources.TextFileSource;
import io.tributary.api.time.WatermarkStrategy;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Where a job starts: declares sources, holds the graph the streams build, and submits it with
 * {@link #execute}. Confined to the thread running the job's main. Parallelism and max parallelism
 * default to what the engine that runs the main offers.
 */
public final class JobEnvironment {
  /** The largest max parallelism: key groups beyond it buy nothing and cost state metadata. */
  public static final int MAX_MAX_PARALLELISM = 32768;

  private final JobExecutor executor;
  private final StreamGraph graph = new StreamGraph();
  private int parallelism;
  private int maxParallelism;
  private boolean executed;
  private CheckpointSettings checkpoints = CheckpointSettings.disabled();
  private RestartStrategy restartStrategy;

  private JobEnvironment(JobExecutor executor) {
    this.executor = Objects.requireNonNull(executor, "executor");
    this.maxParallelism = checkMax(executor.maxParallelism());
    this.parallelism = Math.min(Math.max(1, executor.defaultParallelism()), maxParallelism);
  }

  /** The environment of the engine running this main (see {@link JobExecutors}). */
  public static JobEnvironment getExecutionEnvironment() {
    return new JobEnvironment(JobExecutors.current());
  }

  /** An environment that submits to {@code executor}; for tests and embedding. */
  public static JobEnvironment create(JobExecutor executor) {
    return new JobEnvironment(executor);
  }

  public JobEnvironment setParallelism(int parallelism) {
    checkParallelism(parallelism, "the environment");
    this.parallelism = parallelism;
    return this;
  }

  public int getParallelism() {
    return parallelism;
  }

  public JobEnvironment setMaxParallelism(int maxParallelism) {
    this.maxParallelism = checkMax(maxParallelism);
    return this;
  }

  public int getMaxParallelism() {
    return maxParallelism;
  }

  /**
   * Checkpoints the job every {@code interval} (keeping the other settings), so that it resumes from
   * its latest checkpoint after a failure and its file and stream sinks write exactly once.
   */
  public JobEnvironment enableCheckpointing(Duration interval) {
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the checkpoint interval must be positive, got " + interval
          + "; use setCheckpointSettings(CheckpointSettings.disabled()) to turn checkpoints off");
    }
    CheckpointSettings current = checkpoints;
    this.checkpoints = new CheckpointSettings(interval, current.timeout(), current.minPause(), current.maxConcurrent(),
        current.retained());
    return this;
  }

  public JobEnvironment setCheckpointSettings(CheckpointSettings settings) {
    this.checkpoints = Objects.requireNonNull(settings, "checkpoint settings (use CheckpointSettings.disabled())");
    return this;
  }

  public CheckpointSettings getCheckpointSettings() {
    return checkpoints;
  }

  /**
   * What the engine does when a subtask fails or a worker is lost. Without it: restart without limit,
   * 1 s apart, when the job checkpoints; fail the job otherwise.
   */
  public JobEnvironment setRestartStrategy(RestartStrategy strategy) {
    this.restartStrategy = Objects.requireNonNull(strategy, "restart strategy (use RestartStrategy.none())");
    return this;
  }

  /** The restart strategy the job runs with: the one set, or the default for its checkpoint settings. */
  public RestartStrategy getRestartStrategy() {
    return restartStrategy != null ? restartStrategy : JobPlanner.defaultRestartStrategy(checkpoints);
  }

  public <T> DataStream<T> fromSource(Source<T> source, WatermarkStrategy<T> watermarks, String name) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(watermarks, "watermark strategy (use WatermarkStrategy.noWatermarks())");
    checkNotExecuted();
    int id = graph.add("Source: " + name, parallelism, false, source, watermarks, List.of());
    return new DataStream<>(this, id);
  }

  /** Reads a Tributary stream as UTF-8 strings. */
  public DataStream<String> fromStream(String stream, StartingPosition start) {
    return fromStream(StreamSource.utf8(stream, start));
  }

  public <T> DataStream<T> fromStream(StreamSource<T> source) {
    return fromSource(source, WatermarkStrategy.noWatermarks(), "Stream " + source.stream());
  }

  /** Lines of a file, or of every file in a directory, as strings. Bounded. */
  public DataStream<String> readTextFile(String path) {
    return fromSource(new TextFileSource(path), WatermarkStrategy.noWatermarks(), "Text " + path);
  }

  /** {@code count} generated values at about {@code ratePerSecond} in total (0 = as fast as possible). */
  public <T> DataStream<T> generate(GeneratorFunction<T> function, long ratePerSecond, long count) {
    return fromSource(GeneratorSource.bounded(function, ratePerSecond, count), WatermarkStrategy.noWatermarks(),
        "Generator");
  }

  /** Generated values without end at about {@code ratePerSecond} in total (0 = as fast as possible). */
  public <T> DataStream<T> generate(GeneratorFunction<T> function, long ratePerSecond) {
    return fromSource(GeneratorSource.unbounded(function, ratePerSecond), WatermarkStrategy.noWatermarks(),
        "Generator");
  }

  /** The numbers {@code from} to {@code to}, both included. */
  public DataStream<Long> fromSequence(long from, long to) {
    return fromSource(new SequenceSource(from, to), WatermarkStrategy.noWatermarks(), "Sequence");
  }

  @SafeVarargs
  public final <T> DataStream<T> fromElements(T... elements) {
    return fromCollection(Arrays.asList(elements));
  }

  public <T> DataStream<T> fromCollection(List<T> elements) {
    return fromSource(new ElementsSource<>(elements), WatermarkStrategy.noWatermarks(), "Elements");
  }

  /** The plan {@link #execute} would submit, without submitting it. */
  public JobPlan plan(String jobName) {
    return JobPlanner.plan(jobName, maxParallelism, graph, checkpoints, restartStrategy);
  }

  /**
   * Plans the job and hands it to the engine. A main submits one job: a second call fails.
   *
   * @return the submitted job's id
   */
  public JobResult execute(String jobName) throws Exception {
    if (executed) {
      throw new IllegalStateException("execute was already called on this environment; a job's main submits one job,"
          + " so build the whole pipeline and call execute once");
    }
    JobPlan plan = plan(jobName);
    executed = true;
    return executor.execute(plan);
  }

  StreamGraph graph() {
    return graph;
  }

  int addOperator(String name, StreamOperator<?> operator, boolean fixedParallelism, List<LogicalInput> inputs) {
    checkNotExecuted();
    return graph.add(name, fixedParallelism ? 1 : parallelism, fixedParallelism, operator, null, inputs);
  }

  static String checkUid(String uid) {
    if (uid == null || uid.isBlank()) {
      throw new IllegalArgumentException("a uid must not be empty; pick a name that stays the same across versions "
          + "of the job, e.g. \"count-per-user\"");
    }
    return uid;
  }

  void checkParallelism(int value, String what) {
    if (value < 1 || value > maxParallelism) {
      throw new IllegalArgumentException("parallelism of " + what + " must be between 1 and the max parallelism "
          + maxParallelism + ", got " + value + (value > maxParallelism ? "; raise setMaxParallelism first" : ""));
    }
  }

  private void checkNotExecuted() {
    if (executed) {
      throw new IllegalStateException("the job was already executed; declare every operator before execute");
    }
  }

  private static int checkMax(int value) {
    if (value < 1 || value > MAX_MAX_PARALLELISM) {
      throw new IllegalArgumentException(
          "max parallelism must be between 1 and " + MAX_MAX_PARALLELISM + ", got " + value);
    }
    return value;
  }
}

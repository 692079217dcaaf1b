package io.tributary.api;

import io.tributary.api.connectors.StreamRecordSerializer;
import io.tributary.api.connectors.StreamSink;
import io.tributary.api.functions.FilterFunction;
import io.tributary.api.functions.FlatMapFunction;
import io.tributary.api.functions.KeySelector;
import io.tributary.api.functions.MapFunction;
import io.tributary.api.functions.OutputTag;
import io.tributary.api.functions.ProcessFunction;
import io.tributary.api.graph.LogicalInput;
import io.tributary.api.graph.LogicalNode;
import io.tributary.api.graph.Partitioning;
import io.tributary.api.operators.FilterOperator;
import io.tributary.api.operators.FlatMapOperator;
import io.tributary.api.operators.MapOperator;
import io.tributary.api.operators.OneInputOperator;
import io.tributary.api.operators.ProcessOperator;
import io.tributary.api.operators.SinkOperator;
import io.tributary.api.operators.TimestampsAndWatermarksOperator;
import io.tributary.api.sinks.DiscardingSink;
import io.tributary.api.sinks.PrintSink;
import io.tributary.api.sinks.Sink;
import io.tributary.api.sinks.TextFileSink;
import io.tributary.api.time.WatermarkStrategy;
import io.tributary.api.windowing.Window;
import io.tributary.api.windowing.WindowAssigner;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A stream of records of type T: the output of a source or operator, a side output, a union, or a
 * repartitioned view of one. Each transformation adds a node to the job's graph. Confined to the
 * thread running the job's main.
 *
 * <p>{@link #setParallelism} and {@link #name} configure the operator that produced this stream, so
 * they apply to streams returned by sources and operators only.
 */
public class DataStream<T> {
  final JobEnvironment env;
  final List<StreamRef> refs;
  /** How records reach the next operator; null = Forward at equal parallelism, else Rebalance. */
  final Partitioning partitioning;

  DataStream(JobEnvironment env, int nodeId) {
    this(env, List.of(new StreamRef(nodeId, null)), null);
  }

  DataStream(JobEnvironment env, List<StreamRef> refs, Partitioning partitioning) {
    this.env = env;
    this.refs = List.copyOf(refs);
    this.partitioning = partitioning;
  }

  public JobEnvironment getExecutionEnvironment() {
    return env;
  }

  public <R> DataStream<R> map(MapFunction<T, R> mapper) {
    return transform("Map", new MapOperator<>(mapper));
  }

  public DataStream<T> filter(FilterFunction<T> filter) {
    return transform("Filter", new FilterOperator<>(filter));
  }

  public <R> DataStream<R> flatMap(FlatMapFunction<T, R> flatMapper) {
    return transform("Flat Map", new FlatMapOperator<>(flatMapper));
  }

  public <R> DataStream<R> process(ProcessFunction<T, R> function) {
    return transform("Process", new ProcessOperator<>(function));
  }

  /** Runs a custom operator on this stream. */
  public <R> DataStream<R> transform(String name, OneInputOperator<T, R> operator) {
    int id = env.addOperator(name, Objects.requireNonNull(operator, "operator"), false, inputs(1));
    return new DataStream<>(env, id);
  }

  public DataStream<T> assignTimestampsAndWatermarks(WatermarkStrategy<T> strategy) {
    return transform("Timestamps/Watermarks", new TimestampsAndWatermarksOperator<>(strategy));
  }

  /** Partitions by key: records with equal keys go to the same subtask, so they can share keyed state. */
  public <K> KeyedStream<T, K> keyBy(KeySelector<T, K> key) {
    return new KeyedStream<>(env, refs, Objects.requireNonNull(key, "key selector"));
  }

  /** Round-robin over the next operator's subtasks (e.g. to spread a skewed stream). */
  public DataStream<T> rebalance() {
    return new DataStream<>(env, refs, new Partitioning.Rebalance());
  }

  /** Every record to every subtask of the next operator. */
  public DataStream<T> broadcast() {
    return new DataStream<>(env, refs, new Partitioning.Broadcast());
  }

  /** This stream and {@code others} as one stream (no order across them). */
  @SafeVarargs
  public final DataStream<T> union(DataStream<T>... others) {
    if (partitioning != null) {
      throw new IllegalArgumentException("union the streams first, then keyBy/rebalance/broadcast the union");
    }
    List<StreamRef> all = new ArrayList<>(refs);
    for (DataStream<T> other : others) {
      if (other.env != env) {
        throw new IllegalArgumentException(
            "cannot union streams of different job environments; build the whole job on one JobEnvironment");
      }
      if (other.partitioning != null) {
        throw new IllegalArgumentException("union the streams first, then keyBy/rebalance/broadcast the union");
      }
      all.addAll(other.refs);
    }
    return new DataStream<>(env, all, null);
  }

  /** Both streams into one operator with two inputs (see {@link ConnectedStreams}). */
  public <T2> ConnectedStreams<T, T2> connect(DataStream<T2> other) {
    sameEnvironment(other, "connect");
    return new ConnectedStreams<>(this, other);
  }

  /** A window join: {@code a.join(b).where(k1).equalTo(k2).window(assigner).apply(fn)}. */
  public <T2> JoinedStreams<T, T2> join(DataStream<T2> other) {
    sameEnvironment(other, "join");
    return new JoinedStreams<>(this, other);
  }

  /** Windows over the whole stream, evaluated in one subtask (all records get the same key). */
  public <W extends Window> WindowedStream<T, Integer, W> windowAll(WindowAssigner<W> assigner) {
    return new WindowedStream<>(new KeyedStream<>(env, refs, new ConstantKey<>()), assigner, true);
  }

  /** The records the operator that produced this stream emitted to {@code tag}. */
  public <X> DataStream<X> getSideOutput(OutputTag<X> tag) {
    Objects.requireNonNull(tag, "output tag");
    return new DataStream<>(env, List.of(new StreamRef(producer("getSideOutput").id(), tag)), null);
  }

  public DataStreamSink<T> sinkTo(Sink<T> sink) {
    int id = env.addOperator("Sink: " + sink.getClass().getSimpleName(), new SinkOperator<>(sink), false,
        inputs(1));
    return new DataStreamSink<>(env, id);
  }

  /** Prints each record's toString to standard output. */
  public DataStreamSink<T> print() {
    return sinkTo(new PrintSink<>()).name("Sink: Print");
  }

  /** One text file per subtask in {@code directory}, one record's toString per line. */
  public DataStreamSink<T> writeAsText(String directory) {
    return sinkTo(new TextFileSink<>(directory)).name("Sink: Text " + directory);
  }

  /** Writes records to a Tributary stream. */
  public DataStreamSink<T> sinkToStream(String stream, StreamRecordSerializer<T> serializer) {
    return sinkTo(new StreamSink<>(stream, serializer)).name("Sink: Stream " + stream);
  }

  /** Drops every record (for benchmarks and tests). */
  public DataStreamSink<T> discard() {
    return sinkTo(new DiscardingSink<>()).name("Sink: Discard");
  }

  /** Sets how many subtasks run the operator that produced this stream. */
  public DataStream<T> setParallelism(int parallelism) {
    LogicalNode node = producer("setParallelism");
    env.checkParallelism(parallelism, "'" + node.name() + "'");
    if (node.fixedParallelism() && parallelism != 1) {
      throw new IllegalArgumentException("'" + node.name() + "' is a global (non-keyed) operator and runs in one"
          + " subtask; use keyBy(...).window(...) to run windows in parallel");
    }
    env.graph().replace(node.withParallelism(parallelism));
    return this;
  }

  /** Names the operator that produced this stream (shown in plans, metrics and logs). */
  public DataStream<T> name(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("an operator name must not be empty");
    }
    env.graph().replace(producer("name").withName(name));
    return this;
  }

  /**
   * Names the state of the operator that produced this stream in checkpoints and savepoints. Set it on
   * every stateful operator of a job that will change: without it the state is stored under {@code
   * node-<id>}, which moves when operators are added before it. Unique within a job.
   */
  public DataStream<T> uid(String uid) {
    env.graph().replace(producer("uid").withUid(JobEnvironment.checkUid(uid)));
    return this;
  }

  /** The inputs of a new operator that reads this stream on its input {@code targetInput}. */
  List<LogicalInput> inputs(int targetInput) {
    List<LogicalInput> inputs = new ArrayList<>(refs.size());
    for (StreamRef ref : refs) {
      inputs.add(new LogicalInput(ref.nodeId(), ref.sideOutput(), targetInput, partitioning));
    }
    return inputs;
  }

  private LogicalNode producer(String method) {
    if (refs.size() != 1 || refs.get(0).sideOutput() != null || partitioning != null) {
      throw new IllegalStateException(method + " applies to the stream an operator or source returned, not to a"
          + " union, side output, keyBy/rebalance/broadcast view; call it right after the operator");
    }
    return env.graph().node(refs.get(0).nodeId());
  }

  private void sameEnvironment(DataStream<?> other, String what) {
    if (other.env != env) {
      throw new IllegalArgumentException(
          "cannot " + what + " streams of different job environments; build the whole job on one JobEnvironment");
    }
  }
}

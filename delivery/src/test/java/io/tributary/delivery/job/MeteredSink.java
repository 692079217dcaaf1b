package io.tributary.delivery.job;

import io.tributary.api.graph.KeyGroupRange;
import io.tributary.api.metrics.Counter;
import io.tributary.api.metrics.MetricGroup;
import io.tributary.api.operators.OperatorContext;
import io.tributary.api.operators.ProcessingTimeService;
import io.tributary.api.sinks.Sink;
import io.tributary.api.sinks.SinkWriter;
import io.tributary.api.sources.ConnectorContext;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A {@link DeliverySink} whose writers count into a metric group the test can read (the harness's
 * context hands out a fresh group per call). Not serializable in practice; tests run it in place.
 */
final class MeteredSink implements Sink<byte[]> {
  private static final long serialVersionUID = 1L;

  private final DeliverySink sink;
  private final transient TestMetrics metrics = new TestMetrics();

  MeteredSink(DeliverySink sink) {
    this.sink = sink;
  }

  TestMetrics metrics() {
    return metrics;
  }

  @Override
  public SinkWriter<byte[]> createWriter(ConnectorContext context) throws Exception {
    return sink.createWriter(new MeteredContext((OperatorContext) context, metrics));
  }

  /** Counters and gauges kept for the test. Thread-safe. */
  static final class TestMetrics implements MetricGroup {
    private final MetricGroup counters = MetricGroup.unreported();
    private final Map<String, LongSupplier> gauges = new ConcurrentHashMap<>();

    @Override
    public Counter counter(String name) {
      return counters.counter(name);
    }

    @Override
    public void gauge(String name, LongSupplier value) {
      gauges.put(name, value);
    }

    long count(String name) {
      return counters.counter(name).count();
    }

    long gauge(String name) {
      return gauges.get(name).getAsLong();
    }
  }

  private record MeteredContext(OperatorContext context, MetricGroup metrics) implements OperatorContext {
    @Override
    public String jobName() {
      return context.jobName();
    }

    @Override
    public String operatorName() {
      return context.operatorName();
    }

    @Override
    public int maxParallelism() {
      return context.maxParallelism();
    }

    @Override
    public KeyGroupRange keyGroupRange() {
      return context.keyGroupRange();
    }

    @Override
    public ProcessingTimeService processingTimeService() {
      return context.processingTimeService();
    }

    @Override
    public int subtaskIndex() {
      return context.subtaskIndex();
    }

    @Override
    public int parallelism() {
      return context.parallelism();
    }

    @Override
    public Clock clock() {
      return context.clock();
    }

    @Override
    public ClassLoader userClassLoader() {
      return context.userClassLoader();
    }

    @Override
    public <C> C connector(Class<C> type) {
      return context.connector(type);
    }

    @Override
    public List<Object> restoredState() {
      return context.restoredState();
    }

    @Override
    public long restoredCheckpointId() {
      return context.restoredCheckpointId();
    }
  }
}

package io.tributary.api.testing;

import io.tributary.api.graph.KeyGroupRange;
import io.tributary.api.graph.KeyGroups;
import io.tributary.api.operators.OperatorContext;
import io.tributary.api.operators.ProcessingTimeService;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The operator context a harness gives its operator: one subtask, manual processing time. Immutable. */
final class HarnessContext implements OperatorContext {
  private final String operatorName;
  private final int parallelism;
  private final int subtaskIndex;
  private final int maxParallelism;
  private final ManualProcessingTimeService time;

  HarnessContext(String operatorName, int parallelism, int subtaskIndex, int maxParallelism,
      ManualProcessingTimeService time) {
    if (parallelism <= 0 || subtaskIndex < 0 || subtaskIndex >= parallelism || maxParallelism < parallelism) {
      throw new IllegalArgumentException("need 0 <= subtask < parallelism <= maxParallelism, got subtask " + subtaskIndex
          + ", parallelism " + parallelism + ", maxParallelism " + maxParallelism);
    }
    this.operatorName = operatorName;
    this.parallelism = parallelism;
    this.subtaskIndex = subtaskIndex;
    this.maxParallelism = maxParallelism;
    this.time = time;
  }

  @Override
  public String jobName() {
    return "harness";
  }

  @Override
  public String operatorName() {
    return operatorName;
  }

  @Override
  public int maxParallelism() {
    return maxParallelism;
  }

  @Override
  public KeyGroupRange keyGroupRange() {
    return KeyGroups.rangeFor(maxParallelism, parallelism, subtaskIndex);
  }

  @Override
  public ProcessingTimeService processingTimeService() {
    return time;
  }

  @Override
  public int subtaskIndex() {
    return subtaskIndex;
  }

  @Override
  public int parallelism() {
    return parallelism;
  }

  @Override
  public Clock clock() {
    return new ServiceClock(time);
  }

  @Override
  public ClassLoader userClassLoader() {
    return Thread.currentThread().getContextClassLoader();
  }

  @Override
  public <C> C connector(Class<C> type) {
    throw new IllegalStateException("the operator harness provides no connector " + type.getName()
        + "; test connectors against a local cluster instead");
  }

  /** A clock that reads the manual processing time, so code using the context's clock sees the test's time. */
  private static final class ServiceClock extends Clock {
    private final ManualProcessingTimeService time;

    ServiceClock(ManualProcessingTimeService time) {
      this.time = time;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(time.currentProcessingTime());
    }
  }
}

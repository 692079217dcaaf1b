package io.tributary.api.operators;

import io.tributary.api.graph.KeyGroupRange;
import java.time.Clock;
import java.util.List;

/**
 * An operator context that hands a sink writer (or another connector an operator creates) the
 * state restored for it; everything else is the engine's context. Confined to the subtask's thread.
 */
final class RestoredOperatorContext implements OperatorContext {
  private final OperatorContext delegate;
  private final List<Object> restoredState;
  private final long restoredCheckpointId;

  RestoredOperatorContext(OperatorContext delegate, List<Object> restoredState, long restoredCheckpointId) {
    this.delegate = delegate;
    this.restoredState = List.copyOf(restoredState);
    this.restoredCheckpointId = restoredCheckpointId;
  }

  @Override
  public List<Object> restoredState() {
    return restoredState;
  }

  @Override
  public long restoredCheckpointId() {
    return restoredCheckpointId;
  }

  @Override
  public String jobName() {
    return delegate.jobName();
  }

  @Override
  public String operatorName() {
    return delegate.operatorName();
  }

  @Override
  public int maxParallelism() {
    return delegate.maxParallelism();
  }

  @Override
  public KeyGroupRange keyGroupRange() {
    return delegate.keyGroupRange();
  }

  @Override
  public ProcessingTimeService processingTimeService() {
    return delegate.processingTimeService();
  }

  @Override
  public void countRecordIn() {
    delegate.countRecordIn();
  }

  @Override
  public int subtaskIndex() {
    return delegate.subtaskIndex();
  }

  @Override
  public int parallelism() {
    return delegate.parallelism();
  }

  @Override
  public Clock clock() {
    return delegate.clock();
  }

  @Override
  public ClassLoader userClassLoader() {
    return delegate.userClassLoader();
  }

  @Override
  public <C> C connector(Class<C> type) {
    return delegate.connector(type);
  }

  @Override
  public String jobId() {
    return delegate.jobId();
  }

  @Override
  public boolean checkpointingEnabled() {
    return delegate.checkpointingEnabled();
  }

  @Override
  public String operatorUid() {
    return delegate.operatorUid();
  }
}

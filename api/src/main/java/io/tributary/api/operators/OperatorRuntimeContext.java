package io.tributary.api.operators;

import io.tributary.api.functions.RuntimeContext;
import io.tributary.api.state.KeyedStateBackend;
import io.tributary.api.state.ListState;
import io.tributary.api.state.ListStateDescriptor;
import io.tributary.api.state.MapState;
import io.tributary.api.state.MapStateDescriptor;
import io.tributary.api.state.ValueState;
import io.tributary.api.state.ValueStateDescriptor;

/**
 * The {@link RuntimeContext} of a function run by an {@link AbstractStreamOperator}: subtask facts
 * from the operator context, keyed state from the operator's backend (absent on non-keyed streams).
 * Confined to the subtask's thread.
 */
final class OperatorRuntimeContext implements RuntimeContext {
  private final OperatorContext context;
  private final KeyedStateBackend backend;

  OperatorRuntimeContext(OperatorContext context, KeyedStateBackend backend) {
    this.context = context;
    this.backend = backend;
  }

  @Override
  public String jobName() {
    return context.jobName();
  }

  @Override
  public String operatorName() {
    return context.operatorName();
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
  public int maxParallelism() {
    return context.maxParallelism();
  }

  @Override
  public ClassLoader userClassLoader() {
    return context.userClassLoader();
  }

  @Override
  public <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor) {
    return keyed(descriptor.name()).getState(descriptor);
  }

  @Override
  public <T> ListState<T> getListState(ListStateDescriptor<T> descriptor) {
    return keyed(descriptor.name()).getListState(descriptor);
  }

  @Override
  public <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> descriptor) {
    return keyed(descriptor.name()).getMapState(descriptor);
  }

  private KeyedStateBackend keyed(String stateName) {
    if (backend == null) {
      throw new IllegalStateException("keyed state needs a keyed stream: call keyBy first (state '"
          + stateName + "' in operator '" + context.operatorName() + "')");
    }
    return backend;
  }
}

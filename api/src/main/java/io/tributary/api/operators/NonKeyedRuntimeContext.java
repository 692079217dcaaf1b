package io.tributary.api.operators;

import io.tributary.api.functions.Function;
import io.tributary.api.functions.RichFunction;
import io.tributary.api.functions.RuntimeContext;
import io.tributary.api.state.ListState;
import io.tributary.api.state.ListStateDescriptor;
import io.tributary.api.state.MapState;
import io.tributary.api.state.MapStateDescriptor;
import io.tributary.api.state.ValueState;
import io.tributary.api.state.ValueStateDescriptor;

/**
 * The runtime context of a function on a non-keyed stream: subtask facts, and state getters that
 * explain why there is no state. Confined to the subtask's thread. Keyed state is scoped by key, so
 * it only exists behind keyBy.
 */
public final class NonKeyedRuntimeContext implements RuntimeContext {
  static final String NO_KEYED_STATE = "keyed state needs a keyed stream: call keyBy first";

  private final OperatorContext context;

  public NonKeyedRuntimeContext(OperatorContext context) {
    this.context = context;
  }

  /** Opens {@code function} when it is a {@link RichFunction}. */
  public static void open(Function function, OperatorContext context) throws Exception {
    if (function instanceof RichFunction rich) {
      rich.open(new NonKeyedRuntimeContext(context));
    }
  }

  /** Closes {@code function} when it is a {@link RichFunction}. */
  public static void close(Function function) throws Exception {
    if (function instanceof RichFunction rich) {
      rich.close();
    }
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
    throw new UnsupportedOperationException(NO_KEYED_STATE + " (state '" + descriptor.name() + "')");
  }

  @Override
  public <T> ListState<T> getListState(ListStateDescriptor<T> descriptor) {
    throw new UnsupportedOperationException(NO_KEYED_STATE + " (state '" + descriptor.name() + "')");
  }

  @Override
  public <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> descriptor) {
    throw new UnsupportedOperationException(NO_KEYED_STATE + " (state '" + descriptor.name() + "')");
  }
}

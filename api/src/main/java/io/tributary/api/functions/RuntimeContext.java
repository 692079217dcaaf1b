package io.tributary.api.functions;

import io.tributary.api.state.ListState;
import io.tributary.api.state.ListStateDescriptor;
import io.tributary.api.state.MapState;
import io.tributary.api.state.MapStateDescriptor;
import io.tributary.api.state.ValueState;
import io.tributary.api.state.ValueStateDescriptor;

/**
 * What a running function knows about its subtask, and its keyed state. State handles are scoped to
 * the current key, so they may be fetched once in {@code open} and used for every record. Confined
 * to the subtask's thread.
 */
public interface RuntimeContext {
  String jobName();

  /** Name of the operator this function belongs to. */
  String operatorName();

  int subtaskIndex();

  int parallelism();

  int maxParallelism();

  /** The job's class loader (user code). */
  ClassLoader userClassLoader();

  /** @throws IllegalStateException when the stream is not keyed */
  <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor);

  <T> ListState<T> getListState(ListStateDescriptor<T> descriptor);

  <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> descriptor);
}

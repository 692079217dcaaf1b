package io.tributary.api.operators;

import io.tributary.api.graph.KeyGroupRange;
import io.tributary.api.sources.ConnectorContext;

/**
 * What the engine gives an operator of one subtask. Confined to the subtask's thread.
 * Keyed state and timers are built by the operator from these (see {@code AbstractStreamOperator}).
 */
public interface OperatorContext extends ConnectorContext {
  String jobName();

  String operatorName();

  int maxParallelism();

  /** The key groups this subtask owns: {@code KeyGroups.rangeFor(maxParallelism, parallelism, subtaskIndex)}. */
  KeyGroupRange keyGroupRange();

  ProcessingTimeService processingTimeService();

  /** Counts a record this operator's subtask received (for metrics); chained heads only. */
  default void countRecordIn() {}
}

package io.tributary.api.graph;

import io.tributary.api.functions.KeySelector;
import java.io.Serializable;

/** How records of an edge reach the consuming subtasks. */
public sealed interface Partitioning extends Serializable {
  /** Producer subtask i to consumer subtask i; needs equal parallelism. Chained when possible. */
  record Forward() implements Partitioning {}

  /** Round-robin over every consumer subtask. */
  record Rebalance() implements Partitioning {}

  /** Every record to every consumer subtask. */
  record Broadcast() implements Partitioning {}

  /** By key: key group of the key, then the subtask owning that group ({@link KeyGroups}). */
  record Hash(KeySelector<?, ?> keySelector) implements Partitioning {}
}

package io.tributary.api.graph;

import io.tributary.api.functions.OutputTag;
import java.io.Serializable;

/**
 * One input of a logical node: the upstream node, which of its outputs (null = main), which input
 * of this node (1 or 2) and how records are distributed. A null {@code partitioning} means the
 * default: Forward when both sides have the same parallelism, Rebalance otherwise (decided when the
 * job is planned, because parallelism may still change while the main runs). Immutable.
 */
public record LogicalInput(int sourceNode, OutputTag<?> sideOutput, int targetInput, Partitioning partitioning)
    implements Serializable {
  public LogicalInput {
    if (targetInput != 1 && targetInput != 2) {
      throw new IllegalArgumentException("targetInput must be 1 or 2, got " + targetInput);
    }
  }
}

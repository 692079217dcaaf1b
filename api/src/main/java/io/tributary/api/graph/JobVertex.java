package io.tributary.api.graph;

import java.io.Serializable;
import java.util.List;

/**
 * A chain of operators that runs as {@code parallelism} subtasks, each in one thread. {@code nodes}
 * are in topological order; {@code nodes.get(0)} is the head, which receives every input edge
 * (or is the source). {@code inputs} and {@code outputs} are the edges to and from other vertices.
 */
public record JobVertex(
    int id, String name, int parallelism, List<ChainedNode> nodes, List<JobEdge> inputs, List<JobEdge> outputs)
    implements Serializable {
  public JobVertex {
    nodes = List.copyOf(nodes);
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  public ChainedNode head() {
    return nodes.get(0);
  }

  public boolean isSource() {
    return inputs.isEmpty();
  }
}

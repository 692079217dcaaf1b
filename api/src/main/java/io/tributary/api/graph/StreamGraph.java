package io.tributary.api.graph;

import io.tributary.api.time.WatermarkStrategy;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The logical graph a job's main builds: nodes in creation order, each referring only to earlier
 * nodes, so creation order is a topological order. Confined to the thread running the main.
 * Nodes are immutable; renaming or re-parallelizing one replaces it, so the planner sees one
 * consistent snapshot.
 */
public final class StreamGraph {
  private final List<LogicalNode> nodes = new ArrayList<>();

  /** Adds a node and returns its id (its position in creation order). */
  public int add(
      String name,
      int parallelism,
      boolean fixedParallelism,
      Serializable function,
      WatermarkStrategy<?> watermarks,
      List<LogicalInput> inputs) {
    int id = nodes.size();
    for (LogicalInput input : inputs) {
      if (input.sourceNode() < 0 || input.sourceNode() >= id) {
        throw new IllegalArgumentException("node '" + name + "' reads from unknown node " + input.sourceNode());
      }
    }
    nodes.add(new LogicalNode(id, name, parallelism, fixedParallelism, function, watermarks, inputs));
    return id;
  }

  public LogicalNode node(int id) {
    if (id < 0 || id >= nodes.size()) {
      throw new IllegalArgumentException("the job has no node " + id);
    }
    return nodes.get(id);
  }

  /** Replaces the node with the same id. */
  public void replace(LogicalNode node) {
    node(node.id());
    nodes.set(node.id(), node);
  }

  public List<LogicalNode> nodes() {
    return List.copyOf(nodes);
  }

  public boolean isEmpty() {
    return nodes.isEmpty();
  }
}

package io.tributary.worker.task;

import io.tributary.api.checkpoint.OperatorSnapshot;
import io.tributary.api.functions.OutputTag;
import io.tributary.api.graph.ChainedNode;
import io.tributary.api.graph.ChainedOutput;
import io.tributary.api.graph.JobEdge;
import io.tributary.api.graph.JobVertex;
import io.tributary.api.operators.OneInputOperator;
import io.tributary.api.operators.StreamOperator;
import io.tributary.worker.exchange.CheckpointBarrier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The nodes of one subtask's vertex wired together: an output per node that calls the chained
 * operators and writes the node's edges, and the operators' lifecycle in chain order. Confined to the
 * subtask's thread.
 */
final class OperatorChain {
  private final List<ChainedNode> nodes;
  private final List<NodeOutput> outputs;
  private final List<EdgeWriter> edges;

  private OperatorChain(List<ChainedNode> nodes, List<NodeOutput> outputs, List<EdgeWriter> edges) {
    this.nodes = nodes;
    this.outputs = outputs;
    this.edges = edges;
  }

  /** @param edges one writer per output edge of the vertex, in {@link JobVertex#outputs()} order */
  static OperatorChain build(JobVertex vertex, List<EdgeWriter> edges) {
    Map<Integer, ChainedNode> byId = new HashMap<>();
    for (ChainedNode node : vertex.nodes()) {
      byId.put(node.nodeId(), node);
    }
    List<NodeOutput> outputs = new ArrayList<>();
    for (ChainedNode node : vertex.nodes()) {
      outputs.add(outputOf(node, byId, vertex, edges));
    }
    return new OperatorChain(vertex.nodes(), outputs, List.copyOf(edges));
  }

  private static NodeOutput outputOf(ChainedNode node, Map<Integer, ChainedNode> byId, JobVertex vertex,
      List<EdgeWriter> edges) {
    Map<OutputTag<?>, List<Object>> targets = new LinkedHashMap<>();
    List<OneInputOperator<Object, ?>> allOperators = new ArrayList<>();
    List<EdgeWriter> allEdges = new ArrayList<>();
    for (ChainedOutput out : node.chainedOutputs()) {
      OneInputOperator<Object, ?> target = chainedOperator(byId, out.targetNodeId(), node);
      targets.computeIfAbsent(out.sideOutput(), t -> new ArrayList<>()).add(target);
      allOperators.add(target);
    }
    for (JobEdge edge : vertex.outputs()) {
      if (edge.sourceNodeId() == node.nodeId()) {
        EdgeWriter writer = edges.get(edge.outputIndex());
        targets.computeIfAbsent(edge.sideOutput(), t -> new ArrayList<>()).add(writer);
        allEdges.add(writer);
      }
    }
    Route main = route(targets.getOrDefault(null, List.of()));
    Map<OutputTag<?>, Route> sides = new HashMap<>();
    targets.forEach((tag, list) -> {
      if (tag != null) {
        sides.put(tag, route(list));
      }
    });
    return new NodeOutput(main, sides, toArray(allOperators), allEdges.toArray(new EdgeWriter[0]));
  }

  @SuppressWarnings("unchecked")
  private static OneInputOperator<Object, ?> chainedOperator(Map<Integer, ChainedNode> byId, int id, ChainedNode from) {
    ChainedNode target = byId.get(id);
    if (target == null || !(target.function() instanceof OneInputOperator<?, ?> operator)) {
      throw new IllegalStateException(
          "invalid job plan: node '" + from.name() + "' chains to node " + id
              + ", which is not a one-input operator of the same vertex; rebuild the job with a matching engine");
    }
    return (OneInputOperator<Object, ?>) operator;
  }

  @SuppressWarnings("unchecked")
  private static Route route(List<Object> targets) {
    List<OneInputOperator<Object, ?>> operators = new ArrayList<>();
    List<EdgeWriter> writers = new ArrayList<>();
    for (Object t : targets) {
      if (t instanceof EdgeWriter w) {
        writers.add(w);
      } else {
        operators.add((OneInputOperator<Object, ?>) t);
      }
    }
    return new Route(toArray(operators), writers.toArray(new EdgeWriter[0]));
  }

  @SuppressWarnings("unchecked")
  private static OneInputOperator<Object, ?>[] toArray(List<OneInputOperator<Object, ?>> list) {
    return list.toArray(new OneInputOperator[0]);
  }

  /** The output of the head (a source's records go there). */
  NodeOutput headOutput() {
    return outputs.get(0);
  }

  /**
   * Opens the operators last to first, so that no operator emits into one not yet open; a restored
   * subtask hands each operator its state first.
   */
  @SuppressWarnings("unchecked")
  void open(TaskSpec spec, TaskTimers timers, TaskServices services, SubtaskMetricGroup metrics) throws Exception {
    for (int i = nodes.size() - 1; i >= 0; i--) {
      ChainedNode node = nodes.get(i);
      if (node.function() instanceof StreamOperator<?> operator) {
        if (spec.restore().restoring()) {
          operator.initializeState(spec.restore().forUid(node.uid()));
        }
        ((StreamOperator<Object>) operator).open(new TaskOperatorContext(spec, node, timers, services, metrics),
            outputs.get(i));
      }
    }
  }

  /** Adds each operator's snapshot at {@code checkpointId} under its uid, in chain order. */
  void snapshot(long checkpointId, Map<String, OperatorSnapshot> into) throws Exception {
    for (ChainedNode node : nodes) {
      if (node.function() instanceof StreamOperator<?> operator) {
        OperatorSnapshot snapshot = operator.snapshotState(checkpointId);
        into.put(node.uid(), snapshot == null ? OperatorSnapshot.EMPTY : snapshot);
      }
    }
  }

  void notifyCheckpointComplete(long checkpointId) throws Exception {
    for (ChainedNode node : nodes) {
      if (node.function() instanceof StreamOperator<?> operator) {
        operator.notifyCheckpointComplete(checkpointId);
      }
    }
  }

  void notifyCheckpointAborted(long checkpointId) throws Exception {
    for (ChainedNode node : nodes) {
      if (node.function() instanceof StreamOperator<?> operator) {
        operator.notifyCheckpointAborted(checkpointId);
      }
    }
  }

  /** Sends the barrier on every channel of every output edge, after everything emitted before. */
  void broadcastBarrier(CheckpointBarrier barrier) throws InterruptedException {
    for (EdgeWriter edge : edges) {
      edge.writer().broadcastBarrier(barrier);
    }
  }

  /** Every input ended: finishes the operators first to last, since each may emit into the next. */
  void finish() throws Exception {
    for (ChainedNode node : nodes) {
      if (node.function() instanceof StreamOperator<?> operator) {
        operator.finish();
      }
    }
  }

  /** Closes every operator even if some fail; the first failure is thrown with the others suppressed. */
  void close() throws Exception {
    Exception failure = null;
    for (ChainedNode node : nodes) {
      if (node.function() instanceof StreamOperator<?> operator) {
        try {
          operator.close();
        } catch (Exception e) {
          if (failure == null) {
            failure = e;
          } else {
            failure.addSuppressed(e);
          }
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  void flushWriters() throws InterruptedException {
    for (EdgeWriter edge : edges) {
      edge.writer().flush();
    }
  }

  void finishWriters() throws InterruptedException {
    for (EdgeWriter edge : edges) {
      edge.writer().finish();
    }
  }

  long backPressuredNanos() {
    long sum = 0;
    for (EdgeWriter edge : edges) {
      sum += edge.writer().backPressuredNanos();
    }
    return sum;
  }

  /** The head operator of an operator vertex. */
  StreamOperator<?> headOperator() {
    return (StreamOperator<?>) Objects.requireNonNull(nodes.get(0).function());
  }
}

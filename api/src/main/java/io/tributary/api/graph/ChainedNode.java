package io.tributary.api.graph;

import io.tributary.api.time.WatermarkStrategy;
import java.io.Serializable;
import java.util.List;

/**
 * One operator of a vertex's chain. {@code function} is a {@code Source} (the head of a source
 * vertex) or a {@code StreamOperator}; {@code watermarks} is the strategy a source applies (null
 * for operators). {@code chainedOutputs} lead to later nodes of the same vertex; edges to other
 * vertices are the vertex's {@link JobVertex#outputs()} whose {@code sourceNodeId} is this node.
 * {@code uid} names the operator's state in checkpoints and savepoints, stable across job versions
 * when the job sets it.
 */
public record ChainedNode(
    int nodeId, String name, Serializable function, WatermarkStrategy<?> watermarks, List<ChainedOutput> chainedOutputs,
    String uid) implements Serializable {
  public ChainedNode {
    chainedOutputs = List.copyOf(chainedOutputs);
    uid = uid == null || uid.isBlank() ? defaultUid(nodeId) : uid;
  }

  public ChainedNode(
      int nodeId, String name, Serializable function, WatermarkStrategy<?> watermarks, List<ChainedOutput> chainedOutputs) {
    this(nodeId, name, function, watermarks, chainedOutputs, null);
  }

  /** The operator id state is stored under unless the job sets one with {@code uid(...)}. */
  public static String defaultUid(int nodeId) {
    return "node-" + nodeId;
  }
}

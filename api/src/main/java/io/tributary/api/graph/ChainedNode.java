package io.tributary.api.graph;

import io.tributary.api.time.WatermarkStrategy;
import java.io.Serializable;
import java.util.List;

/**
 * One operator of a vertex's chain. {@code function} is a {@code Source} (the head of a source
 * vertex) or a {@code StreamOperator}; {@code watermarks} is the strategy a source applies (null
 * for operators). {@code chainedOutputs} lead to later nodes of the same vertex; edges to other
 * vertices are the vertex's {@link JobVertex#outputs()} whose {@code sourceNodeId} is this node.
 */
public record ChainedNode(
    int nodeId, String name, Serializable function, WatermarkStrategy<?> watermarks, List<ChainedOutput> chainedOutputs)
    implements Serializable {
  public ChainedNode {
    chainedOutputs = List.copyOf(chainedOutputs);
  }
}

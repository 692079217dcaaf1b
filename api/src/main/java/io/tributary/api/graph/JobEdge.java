package io.tributary.api.graph;

import io.tributary.api.functions.OutputTag;
import java.io.Serializable;

/**
 * A data exchange between two vertices. {@code outputIndex} is the edge's position in the source
 * vertex's outputs (how a consumer names the partition it reads); {@code targetInput} is 1 or 2
 * (the input of the target vertex's head operator); {@code sideOutput} is null for the main output.
 */
public record JobEdge(
    int sourceVertex,
    int sourceNodeId,
    int outputIndex,
    OutputTag<?> sideOutput,
    int targetVertex,
    int targetInput,
    Partitioning partitioning) implements Serializable {}

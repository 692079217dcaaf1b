package io.tributary.api.graph;

import io.tributary.api.functions.OutputTag;
import java.io.Serializable;

/** An edge inside a chain: records (or one side output's records) go straight to another node of the vertex. */
public record ChainedOutput(int targetNodeId, OutputTag<?> sideOutput) implements Serializable {}

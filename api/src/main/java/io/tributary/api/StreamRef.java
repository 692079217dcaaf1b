package io.tributary.api;

import io.tributary.api.functions.OutputTag;

/** One upstream output a stream reads: a node's main output (tag null) or one of its side outputs.
 * Immutable. */
record StreamRef(int nodeId, OutputTag<?> sideOutput) {}

package io.tributary.api;

import io.tributary.api.graph.LogicalNode;

/** The end of a pipeline: configures the sink operator's name and parallelism. Confined to the main's thread. */
public final class DataStreamSink<T> {
  private final JobEnvironment env;
  private final int nodeId;

  DataStreamSink(JobEnvironment env, int nodeId) {
    this.env = env;
    this.nodeId = nodeId;
  }

  public DataStreamSink<T> setParallelism(int parallelism) {
    LogicalNode node = env.graph().node(nodeId);
    env.checkParallelism(parallelism, "'" + node.name() + "'");
    env.graph().replace(node.withParallelism(parallelism));
    return this;
  }

  /** Names the sink's state (e.g. files waiting for a checkpoint) in checkpoints and savepoints. */
  public DataStreamSink<T> uid(String uid) {
    env.graph().replace(env.graph().node(nodeId).withUid(JobEnvironment.checkUid(uid)));
    return this;
  }

  public DataStreamSink<T> name(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a sink name must not be empty");
    }
    env.graph().replace(env.graph().node(nodeId).withName(name));
    return this;
  }
}

package io.tributary.api.graph;

import io.tributary.api.operators.StreamOperator;
import io.tributary.api.operators.TwoInputOperator;
import io.tributary.api.sources.Source;
import io.tributary.api.time.WatermarkStrategy;
import java.io.Serializable;
import java.util.List;

/**
 * A source or operator as the job's main declared it, before chaining. {@code function} is a
 * {@link Source} or a {@link StreamOperator}; {@code fixedParallelism} marks operators that must run
 * in one subtask (global windows), so that a later {@code setParallelism} is refused; {@code uid}
 * is the name set with {@code uid(...)}, or null for the default. Immutable: renaming makes a new node.
 */
public record LogicalNode(
    int id,
    String name,
    int parallelism,
    boolean fixedParallelism,
    Serializable function,
    WatermarkStrategy<?> watermarks,
    List<LogicalInput> inputs,
    String uid)
    implements Serializable {
  public LogicalNode {
    if (!(function instanceof Source<?>) && !(function instanceof StreamOperator<?>)) {
      throw new IllegalArgumentException(
          "node '" + name + "' must hold a Source or a StreamOperator, got " + function.getClass().getName());
    }
    inputs = List.copyOf(inputs);
    uid = uid == null || uid.isBlank() ? null : uid;
  }

  /** A node whose state is stored under its default uid ({@code node-<id>}). */
  public LogicalNode(int id, String name, int parallelism, boolean fixedParallelism, Serializable function,
      WatermarkStrategy<?> watermarks, List<LogicalInput> inputs) {
    this(id, name, parallelism, fixedParallelism, function, watermarks, inputs, null);
  }

  public boolean isSource() {
    return function instanceof Source<?>;
  }

  public boolean isTwoInput() {
    return function instanceof TwoInputOperator<?, ?, ?>;
  }

  public LogicalNode withName(String newName) {
    return new LogicalNode(id, newName, parallelism, fixedParallelism, function, watermarks, inputs, uid);
  }

  /** @param newUid the name this node's state is stored under in checkpoints and savepoints */
  public LogicalNode withUid(String newUid) {
    return new LogicalNode(id, name, parallelism, fixedParallelism, function, watermarks, inputs, newUid);
  }

  public LogicalNode withParallelism(int newParallelism) {
    return new LogicalNode(id, name, newParallelism, fixedParallelism, function, watermarks, inputs, uid);
  }
}

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
 * in one subtask (global windows), so that a later {@code setParallelism} is refused. Immutable: renaming makes a new node.
 */
public record LogicalNode(
    int id,
    String name,
    int parallelism,
    boolean fixedParallelism,
    Serializable function,
    WatermarkStrategy<?> watermarks,
    List<LogicalInput> inputs)
    implements Serializable {
  public LogicalNode {
    if (!(function instanceof Source<?>) && !(function instanceof StreamOperator<?>)) {
      throw new IllegalArgumentException(
          "node '" + name + "' must hold a Source or a StreamOperator, got " + function.getClass().getName());
    }
    inputs = List.copyOf(inputs);
  }

  public boolean isSource() {
    return function instanceof Source<?>;
  }

  public boolean isTwoInput() {
    return function instanceof TwoInputOperator<?, ?, ?>;
  }

  public LogicalNode withName(String newName) {
    return new LogicalNode(id, newName, parallelism, fixedParallelism, function, watermarks, inputs);
  }

  public LogicalNode withParallelism(int newParallelism) {
    return new LogicalNode(id, name, newParallelism, fixedParallelism, function, watermarks, inputs);
  }
}

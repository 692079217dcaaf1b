package io.tributary.worker.task;

import io.tributary.api.functions.OutputTag;
import io.tributary.api.operators.OneInputOperator;
import io.tributary.api.operators.Output;
import java.util.Map;

/**
 * The output of one chained node: records go to its main route (or a side output's route);
 * watermarks and idleness go to every operator and edge it feeds. Confined to the subtask's thread.
 *
 * <p>Chained operators are called directly, without copying, so a chain costs a method call per
 * record; their exceptions travel up unchanged so that the job reports the user's own exception.
 */
final class NodeOutput implements Output<Object> {
  private final Route main;
  private final Map<OutputTag<?>, Route> sides;
  private final OneInputOperator<Object, ?>[] allOperators;
  private final EdgeWriter[] allEdges;

  NodeOutput(Route main, Map<OutputTag<?>, Route> sides, OneInputOperator<Object, ?>[] allOperators,
      EdgeWriter[] allEdges) {
    this.main = main;
    this.sides = Map.copyOf(sides);
    this.allOperators = allOperators;
    this.allEdges = allEdges;
  }

  @Override
  public void collect(Object value, long timestamp) {
    try {
      main.emit(value, timestamp);
    } catch (Exception e) {
      throw Sneaky.rethrow(e);
    }
  }

  @Override
  public <X> void collect(OutputTag<X> tag, X value, long timestamp) {
    Route route = sides.get(tag);
    if (route == null) {
      return;
    }
    try {
      route.emit(value, timestamp);
    } catch (Exception e) {
      throw Sneaky.rethrow(e);
    }
  }

  @Override
  public void emitWatermark(long watermark) {
    try {
      for (OneInputOperator<Object, ?> operator : allOperators) {
        operator.processWatermark(watermark);
      }
      for (EdgeWriter edge : allEdges) {
        edge.writer().broadcastWatermark(watermark);
      }
    } catch (Exception e) {
      throw Sneaky.rethrow(e);
    }
  }

  @Override
  public void emitIdle(boolean idle) {
    try {
      for (OneInputOperator<Object, ?> operator : allOperators) {
        operator.processIdle(idle);
      }
      for (EdgeWriter edge : allEdges) {
        edge.writer().broadcastIdle(idle);
      }
    } catch (Exception e) {
      throw Sneaky.rethrow(e);
    }
  }
}

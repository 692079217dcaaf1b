package io.tributary.api.operators;

import io.tributary.api.functions.MapFunction;
import java.util.Objects;

/**
 * Applies a {@link MapFunction} to each record, keeping its timestamp; forwards watermarks and
 * idleness. Confined to the subtask's thread.
 */
public final class MapOperator<IN, OUT> implements OneInputOperator<IN, OUT> {
  private static final long serialVersionUID = 1L;

  private final MapFunction<IN, OUT> function;
  private transient Output<OUT> output;

  public MapOperator(MapFunction<IN, OUT> function) {
    this.function = Objects.requireNonNull(function, "map function");
  }

  @Override
  public void open(OperatorContext context, Output<OUT> output) throws Exception {
    this.output = output;
    NonKeyedRuntimeContext.open(function, context);
  }

  @Override
  public void processElement(IN value, long timestamp) throws Exception {
    output.collect(function.map(value), timestamp);
  }

  @Override
  public void processWatermark(long watermark) {
    output.emitWatermark(watermark);
  }

  @Override
  public void processIdle(boolean idle) {
    output.emitIdle(idle);
  }

  @Override
  public void close() throws Exception {
    NonKeyedRuntimeContext.close(function);
  }
}

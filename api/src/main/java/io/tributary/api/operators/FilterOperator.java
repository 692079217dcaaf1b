package io.tributary.api.operators;

import io.tributary.api.functions.FilterFunction;
import java.util.Objects;

/**
 * Keeps the records a {@link FilterFunction} accepts, with their timestamps; forwards watermarks
 * and idleness. Confined to the subtask's thread.
 */
public final class FilterOperator<T> implements OneInputOperator<T, T> {
  private static final long serialVersionUID = 1L;

  private final FilterFunction<T> function;
  private transient Output<T> output;

  public FilterOperator(FilterFunction<T> function) {
    this.function = Objects.requireNonNull(function, "filter function");
  }

  @Override
  public void open(OperatorContext context, Output<T> output) throws Exception {
    this.output = output;
    NonKeyedRuntimeContext.open(function, context);
  }

  @Override
  public void processElement(T value, long timestamp) throws Exception {
    if (function.filter(value)) {
      output.collect(value, timestamp);
    }
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

package io.tributary.api.operators;

import io.tributary.api.functions.FlatMapFunction;
import java.util.Objects;

/**
 * Applies a {@link FlatMapFunction}; every record it emits carries the input record's timestamp.
 * Forwards watermarks and idleness. Confined to the subtask's thread. One collector is reused for
 * all records, so the hot path allocates nothing of its own.
 */
public final class FlatMapOperator<IN, OUT> implements OneInputOperator<IN, OUT> {
  private static final long serialVersionUID = 1L;

  private final FlatMapFunction<IN, OUT> function;
  private transient TimestampedCollector<OUT> collector;
  private transient Output<OUT> output;

  public FlatMapOperator(FlatMapFunction<IN, OUT> function) {
    this.function = Objects.requireNonNull(function, "flatMap function");
  }

  @Override
  public void open(OperatorContext context, Output<OUT> output) throws Exception {
    this.output = output;
    this.collector = new TimestampedCollector<>(output);
    NonKeyedRuntimeContext.open(function, context);
  }

  @Override
  public void processElement(IN value, long timestamp) throws Exception {
    collector.setTimestamp(timestamp);
    function.flatMap(value, collector);
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

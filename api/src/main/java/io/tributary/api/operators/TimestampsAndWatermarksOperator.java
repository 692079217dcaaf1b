package io.tributary.api.operators;

import io.tributary.api.time.TimestampAssigner;
import io.tributary.api.time.WatermarkGenerator;
import io.tributary.api.time.WatermarkOutput;
import io.tributary.api.time.WatermarkStrategy;
import java.util.Objects;

/**
 * Assigns event timestamps and generates watermarks in the middle of a pipeline: every record gets
 * the strategy's timestamp, the generator sees it, and every {@link WatermarkStrategy#PERIODIC_INTERVAL_MS}
 * of processing time the generator may emit. Upstream watermarks are dropped (this operator
 * redefines event time) except {@link Long#MAX_VALUE}, which marks the end of input. Confined to the
 * subtask's thread.
 */
public final class TimestampsAndWatermarksOperator<T> implements OneInputOperator<T, T> {
  private static final long serialVersionUID = 1L;

  private final WatermarkStrategy<T> strategy;
  private transient TimestampAssigner<T> assigner;
  private transient WatermarkGenerator<T> generator;
  private transient ProcessingTimeService time;
  private transient ProcessingTimeService.Cancellable periodic;
  private transient Output<T> output;
  private transient Emitter emitter;

  public TimestampsAndWatermarksOperator(WatermarkStrategy<T> strategy) {
    this.strategy = Objects.requireNonNull(strategy, "watermark strategy");
  }

  @Override
  public void open(OperatorContext context, Output<T> output) {
    this.output = output;
    this.time = context.processingTimeService();
    this.assigner = strategy.createTimestampAssigner();
    this.generator = strategy.createWatermarkGenerator(time::currentProcessingTime);
    this.emitter = new Emitter(output);
    schedulePeriodicEmit();
  }

  @Override
  public void processElement(T value, long timestamp) {
    long assigned = assigner.extractTimestamp(value, timestamp);
    // The generator goes first so that a markActive precedes the record it was caused by.
    generator.onEvent(value, assigned, emitter);
    output.collect(value, assigned);
  }

  @Override
  public void processWatermark(long watermark) {
    if (watermark == Long.MAX_VALUE) {
      cancelPeriodicEmit();
      emitter.emitWatermark(Long.MAX_VALUE);
    }
  }

  @Override
  public void close() {
    cancelPeriodicEmit();
  }

  private void schedulePeriodicEmit() {
    periodic = time.registerTimer(time.currentProcessingTime() + WatermarkStrategy.PERIODIC_INTERVAL_MS, now -> {
      generator.onPeriodicEmit(emitter);
      if (periodic != null) {
        schedulePeriodicEmit();
      }
    });
  }

  private void cancelPeriodicEmit() {
    if (periodic != null) {
      periodic.cancel();
      periodic = null;
    }
  }

  /** Keeps emitted watermarks increasing and idleness changes edge-triggered. */
  private static final class Emitter implements WatermarkOutput {
    private final Output<?> output;
    private long current = Long.MIN_VALUE;
    private boolean idle;

    Emitter(Output<?> output) {
      this.output = output;
    }

    @Override
    public void emitWatermark(long watermark) {
      if (watermark > current) {
        current = watermark;
        markActive();
        output.emitWatermark(watermark);
      }
    }

    @Override
    public void markIdle() {
      if (!idle) {
        idle = true;
        output.emitIdle(true);
      }
    }

    @Override
    public void markActive() {
      if (idle) {
        idle = false;
        output.emitIdle(false);
      }
    }
  }
}

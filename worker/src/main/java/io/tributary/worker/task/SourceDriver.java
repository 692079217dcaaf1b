package io.tributary.worker.task;

import io.tributary.api.operators.Output;
import io.tributary.api.sources.InputStatus;
import io.tributary.api.sources.SourceOutput;
import io.tributary.api.sources.SourceReader;
import io.tributary.api.time.TimestampAssigner;
import io.tributary.api.time.WatermarkGenerator;
import io.tributary.api.time.WatermarkOutput;
import io.tributary.api.time.WatermarkStrategy;
import java.time.Clock;

/**
 * Runs a source vertex: polls the reader, stamps each record with the strategy's assigner, feeds the
 * watermark generator, asks it for a watermark every {@link WatermarkStrategy#PERIODIC_INTERVAL_MS}
 * and runs processing-time callbacks and checkpoint triggers in between (so a barrier follows
 * exactly the records emitted before the reader's snapshot). Confined to the subtask's thread.
 */
final class SourceDriver implements SourceOutput<Object>, WatermarkOutput {
  /** The pause after a poll that found nothing; the reader's contract allows a few ms. */
  private static final long IDLE_PAUSE_MS = 2;

  private final SourceReader<Object> reader;
  private final Output<Object> output;
  private final TimestampAssigner<Object> assigner;
  private final WatermarkGenerator<Object> generator;
  private final OperatorChain chain;
  private final TaskTimers timers;
  private final TaskMetrics metrics;
  private final Clock clock;
  private final TaskMailbox mailbox;
  private final TaskCheckpointer checkpointer;
  private long watermark = Long.MIN_VALUE;
  private boolean idle;

  @SuppressWarnings("unchecked")
  SourceDriver(SourceReader<?> reader, WatermarkStrategy<?> strategy, OperatorChain chain, TaskTimers timers,
      TaskMetrics metrics, Clock clock, TaskMailbox mailbox, TaskCheckpointer checkpointer) {
    WatermarkStrategy<Object> s =
        strategy == null ? WatermarkStrategy.noWatermarks() : (WatermarkStrategy<Object>) strategy;
    this.reader = (SourceReader<Object>) reader;
    this.output = chain.headOutput();
    this.assigner = s.createTimestampAssigner();
    this.generator = s.createWatermarkGenerator(clock::millis);
    this.chain = chain;
    this.timers = timers;
    this.metrics = metrics;
    this.clock = clock;
    this.mailbox = mailbox;
    this.checkpointer = checkpointer;
  }

  /**
   * Runs until the reader reports the end of its input (or a stop with drain ends it after its
   * barrier), then emits the final watermark.
   */
  void run() throws Exception {
    long nextPeriodic = clock.millis() + WatermarkStrategy.PERIODIC_INTERVAL_MS;
    InputStatus status = InputStatus.MORE_AVAILABLE;
    while (status != InputStatus.END_OF_INPUT) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("subtask canceled");
      }
      if (checkpointer.processMail(mailbox)) {
        break;
      }
      status = reader.pollNext(this);
      timers.runDue();
      long now = clock.millis();
      if (now >= nextPeriodic) {
        generator.onPeriodicEmit(this);
        nextPeriodic = now + WatermarkStrategy.PERIODIC_INTERVAL_MS;
      }
      metrics.backPressured(chain.backPressuredNanos());
      if (status == InputStatus.NOTHING_AVAILABLE) {
        chain.flushWriters();
        Thread.sleep(Math.min(IDLE_PAUSE_MS, timers.millisUntilNext(IDLE_PAUSE_MS)));
      }
    }
    markActive();
    emitWatermark(Long.MAX_VALUE);
  }

  @Override
  public void collect(Object value) {
    collect(value, io.tributary.api.operators.Timestamps.NONE);
  }

  @Override
  public void collect(Object value, long timestamp) {
    long eventTime = assigner.extractTimestamp(value, timestamp);
    generator.onEvent(value, eventTime, this);
    metrics.recordIn();
    output.collect(value, eventTime);
  }

  @Override
  public void emitWatermark(long newWatermark) {
    if (newWatermark <= watermark) {
      return;
    }
    markActive();
    watermark = newWatermark;
    output.emitWatermark(newWatermark);
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

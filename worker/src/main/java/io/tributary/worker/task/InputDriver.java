package io.tributary.worker.task;

import io.tributary.api.operators.OneInputOperator;
import io.tributary.api.operators.StreamOperator;
import io.tributary.api.operators.TwoInputOperator;
import io.tributary.worker.exchange.Delivery;
import io.tributary.worker.exchange.ElementBatch;
import io.tributary.worker.exchange.InputGate;
import java.util.concurrent.TimeUnit;

/**
 * Runs an operator vertex: takes batches from the input gate and hands their elements to the head,
 * watermarks through one valve per input, processing-time callbacks in between. Confined to the
 * subtask's thread.
 */
final class InputDriver {
  /** Longest wait for input, so that cancellation and clock changes are noticed. */
  private static final long MAX_WAIT_MS = 100;

  private final InputGate gate;
  private final OperatorChain chain;
  private final TaskTimers timers;
  private final TaskMetrics metrics;
  private final StreamOperator<?> head;
  private final WatermarkValve[] valves;
  private final int[] channelInInput;
  private int ended;

  InputDriver(InputGate gate, OperatorChain chain, TaskTimers timers, TaskMetrics metrics) {
    this.gate = gate;
    this.chain = chain;
    this.timers = timers;
    this.metrics = metrics;
    this.head = chain.headOperator();
    int n = gate.numChannels();
    int[] perInput = new int[3];
    this.channelInInput = new int[n];
    for (int c = 0; c < n; c++) {
      channelInInput[c] = perInput[gate.inputOf(c)]++;
    }
    this.valves = new WatermarkValve[] {null, valve(1, perInput[1]), valve(2, perInput[2])};
  }

  /** Runs until every channel ended; then the head has seen the final watermark. */
  void run() throws Exception {
    int channels = gate.numChannels();
    while (ended < channels) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("subtask canceled");
      }
      timers.runDue();
      Delivery delivery = gate.poll(0, TimeUnit.MILLISECONDS);
      if (delivery == null) {
        chain.flushWriters();
        metrics.backPressured(chain.backPressuredNanos());
        delivery = gate.poll(timers.millisUntilNext(MAX_WAIT_MS), TimeUnit.MILLISECONDS);
      }
      if (delivery != null) {
        dispatch(delivery);
        gate.recycle(delivery);
        metrics.backPressured(chain.backPressuredNanos());
      }
    }
    finalWatermark(1);
    finalWatermark(2);
  }

  private void dispatch(Delivery delivery) throws Exception {
    ElementBatch batch = delivery.batch();
    int channel = delivery.channel();
    int input = gate.inputOf(channel);
    WatermarkValve valve = valves[input];
    int local = channelInInput[channel];
    int size = batch.size();
    for (int i = 0; i < size; i++) {
      switch (batch.kind(i)) {
        case ElementBatch.RECORD -> {
          metrics.recordIn();
          record(input, batch.value(i), batch.timestamp(i));
        }
        case ElementBatch.WATERMARK -> valve.watermark(local, batch.timestamp(i));
        case ElementBatch.IDLE -> valve.idle(local, true);
        case ElementBatch.ACTIVE -> valve.idle(local, false);
        case ElementBatch.END_OF_PARTITION -> {
          ended++;
          valve.end(local);
        }
        default -> throw new IllegalStateException("unknown element kind " + batch.kind(i) + " on channel " + channel);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private void record(int input, Object value, long timestamp) throws Exception {
    if (head instanceof OneInputOperator<?, ?> one) {
      ((OneInputOperator<Object, ?>) one).processElement(value, timestamp);
    } else if (input == 1) {
      ((TwoInputOperator<Object, ?, ?>) head).processElement1(value, timestamp);
    } else {
      ((TwoInputOperator<?, Object, ?>) head).processElement2(value, timestamp);
    }
  }

  /** Every channel ended: event time is complete, even if a producer never said so. */
  private void finalWatermark(int input) throws Exception {
    WatermarkValve valve = valves[input];
    if (valve != null && valve.forwarded() < Long.MAX_VALUE) {
      forwardWatermark(input, Long.MAX_VALUE);
    }
  }

  private WatermarkValve valve(int input, int channels) {
    if (channels == 0) {
      return null;
    }
    return new WatermarkValve(channels, new WatermarkValve.Sink() {
      @Override
      public void watermark(long watermark) throws Exception {
        forwardWatermark(input, watermark);
      }

      @Override
      public void idle(boolean idle) throws Exception {
        forwardIdle(input, idle);
      }
    });
  }

  private void forwardWatermark(int input, long watermark) throws Exception {
    if (head instanceof OneInputOperator<?, ?> one) {
      one.processWatermark(watermark);
    } else if (input == 1) {
      ((TwoInputOperator<?, ?, ?>) head).processWatermark1(watermark);
    } else {
      ((TwoInputOperator<?, ?, ?>) head).processWatermark2(watermark);
    }
  }

  private void forwardIdle(int input, boolean idle) throws Exception {
    if (head instanceof OneInputOperator<?, ?> one) {
      one.processIdle(idle);
    } else {
      ((TwoInputOperator<?, ?, ?>) head).processIdle(input, idle);
    }
  }
}

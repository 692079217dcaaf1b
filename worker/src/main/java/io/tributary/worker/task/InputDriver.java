package io.tributary.worker.task;

import io.tributary.api.operators.OneInputOperator;
import io.tributary.api.operators.StreamOperator;
import io.tributary.api.operators.TwoInputOperator;
import io.tributary.worker.exchange.CheckpointBarrier;
import io.tributary.worker.exchange.Delivery;
import io.tributary.worker.exchange.ElementBatch;
import io.tributary.worker.exchange.InputGate;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Runs an operator vertex: takes batches from the input gate and hands their elements to the head,
 * watermarks through one valve per input, processing-time callbacks and checkpoint mail in between;
 * aligns checkpoint barriers. Confined to the subtask's thread.
 *
 * <p>A channel blocked for alignment keeps the rest of its current batch here, unrecycled, and its
 * later batches in the channel: no credit goes back, so its producer stalls instead of this subtask
 * buffering without bound.
 */
final class InputDriver implements BarrierAligner.Actions {
  /** The unconsumed rest of a batch, from element {@code from}. */
  private record Held(Delivery delivery, int from) {}

  /** Longest wait for input, so that cancellation and clock changes are noticed. */
  private static final long MAX_WAIT_MS = 100;

  private final InputGate gate;
  private final OperatorChain chain;
  private final TaskTimers timers;
  private final TaskMetrics metrics;
  private final StreamOperator<?> head;
  private final WatermarkValve[] valves;
  private final int[] channelInInput;
  private final TaskMailbox mailbox;
  private final TaskCheckpointer checkpointer;
  private final BarrierAligner aligner;
  private final Held[] held;
  private final boolean[] blocked;
  private final ArrayDeque<Held> resumed = new ArrayDeque<>();
  private int ended;

  InputDriver(InputGate gate, OperatorChain chain, TaskTimers timers, TaskMetrics metrics, TaskMailbox mailbox,
      TaskCheckpointer checkpointer) {
    this.gate = gate;
    this.mailbox = mailbox;
    this.checkpointer = checkpointer;
    this.aligner = new BarrierAligner(gate.numChannels(), this);
    this.held = new Held[gate.numChannels()];
    this.blocked = new boolean[gate.numChannels()];
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
      checkpointer.processMail(mailbox);
      Held next = resumed.poll();
      if (next != null) {
        consume(next.delivery(), next.from());
        continue;
      }
      Delivery delivery = gate.poll(0, TimeUnit.MILLISECONDS);
      if (delivery == null) {
        chain.flushWriters();
        metrics.backPressured(chain.backPressuredNanos());
        delivery = gate.poll(timers.millisUntilNext(MAX_WAIT_MS), TimeUnit.MILLISECONDS);
      }
      if (delivery != null) {
        consume(delivery, 0);
      }
    }
    finalWatermark(1);
    finalWatermark(2);
  }

  /** Dispatches the batch from {@code from}; recycles it unless a barrier blocked its channel first. */
  private void consume(Delivery delivery, int from) throws Exception {
    int channel = delivery.channel();
    int stopped = dispatch(delivery, from);
    if (stopped >= 0) {
      held[channel] = new Held(delivery, stopped);
      if (!blocked[channel]) {
        blocked[channel] = true;
        gate.block(channel);
      }
      return;
    }
    gate.recycle(delivery);
    if (blocked[channel] && held[channel] == null) {
      // the held rest is consumed: now the channel's later batches may follow, in order
      blocked[channel] = false;
      gate.unblock(channel);
    }
    metrics.backPressured(chain.backPressuredNanos());
  }

  /** @return -1 when the whole batch was handed over, else the element after a barrier that blocks the channel */
  private int dispatch(Delivery delivery, int from) throws Exception {
    ElementBatch batch = delivery.batch();
    int channel = delivery.channel();
    int input = gate.inputOf(channel);
    WatermarkValve valve = valves[input];
    int local = channelInInput[channel];
    int size = batch.size();
    for (int i = from; i < size; i++) {
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
          aligner.onEnd(channel);
        }
        case ElementBatch.BARRIER -> {
          if (aligner.onBarrier(channel, batch.barrier(i))) {
            return i + 1;
          }
        }
        default -> throw new IllegalStateException("unknown element kind " + batch.kind(i) + " on channel " + channel);
      }
    }
    return -1;
  }

  @Override
  public void aligned(CheckpointBarrier barrier, long alignmentNanos) throws Exception {
    checkpointer.checkpoint(barrier, alignmentNanos);
  }

  @Override
  public void abandoned(long checkpointId, String reason) {
    checkpointer.decline(checkpointId, reason);
  }

  /** Resumes every blocked channel: first the rest of its held batch, then what waited in the channel. */
  @Override
  public void releaseAll() {
    for (int c = 0; c < held.length; c++) {
      if (held[c] != null) {
        resumed.add(held[c]);
        held[c] = null;
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

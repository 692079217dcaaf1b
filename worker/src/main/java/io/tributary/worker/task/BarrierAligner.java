package io.tributary.worker.task;

import io.tributary.worker.exchange.CheckpointBarrier;

/**
 * Aligns checkpoint barriers over the channels of an input gate: from the first barrier of a
 * checkpoint until every channel that has not ended delivered it, channels that delivered it are
 * blocked; then the subtask snapshots and every channel resumes. Confined to the subtask's thread.
 *
 * <p>A barrier older than the checkpoint being aligned (or than the last one aligned) is ignored; a
 * newer one aborts the alignment in progress, which is declined, and starts its own.
 */
final class BarrierAligner {
  /** What alignment makes the subtask do. */
  interface Actions {
    /** Every channel delivered the barrier (or ended): snapshot and forward it. */
    void aligned(CheckpointBarrier barrier, long alignmentNanos) throws Exception;

    /** The checkpoint was given up for a newer one. */
    void abandoned(long checkpointId, String reason);

    /** Channels blocked for the alignment may deliver again. */
    void releaseAll();
  }

  private final boolean[] received;
  private final boolean[] ended;
  private final Actions actions;
  private CheckpointBarrier current;
  private long lastAligned = Long.MIN_VALUE;
  private int missing;
  private long startNanos;

  BarrierAligner(int channels, Actions actions) {
    this.received = new boolean[channels];
    this.ended = new boolean[channels];
    this.actions = actions;
  }

  /**
   * A barrier arrived on {@code channel}.
   *
   * @return true when the channel must block (what follows the barrier waits for the alignment)
   */
  boolean onBarrier(int channel, CheckpointBarrier barrier) throws Exception {
    long id = barrier.checkpointId();
    if (id <= lastAligned || (current != null && id < current.checkpointId())) {
      return false;
    }
    if (current != null && id > current.checkpointId()) {
      long old = current.checkpointId();
      reset();
      actions.abandoned(old, "barrier of checkpoint " + id + " arrived before checkpoint " + old + " was aligned");
      actions.releaseAll();
    }
    if (current == null) {
      current = barrier;
      startNanos = System.nanoTime();
      missing = 0;
      for (int c = 0; c < received.length; c++) {
        missing += ended[c] ? 0 : 1;
      }
    }
    received[channel] = true;
    missing--;
    if (missing == 0) {
      complete();
      return false;
    }
    return true;
  }

  /** {@code channel} ended: it counts as aligned for the checkpoint in progress and every later one. */
  void onEnd(int channel) throws Exception {
    ended[channel] = true;
    if (current != null && !received[channel]) {
      received[channel] = true;
      if (--missing == 0) {
        complete();
      }
    }
  }

  boolean aligning() {
    return current != null;
  }

  private void complete() throws Exception {
    CheckpointBarrier barrier = current;
    long alignment = System.nanoTime() - startNanos;
    lastAligned = barrier.checkpointId();
    reset();
    actions.aligned(barrier, alignment);
    actions.releaseAll();
  }

  private void reset() {
    current = null;
    java.util.Arrays.fill(received, false);
  }
}

package io.tributary.worker.task;

import java.util.Arrays;

/**
 * Combines the watermarks and idleness of the channels of one input: the input's watermark is the
 * minimum over active channels (neither idle nor ended), forwarded only when it rises; the input is
 * idle when no channel is active. Confined to the subtask's thread.
 *
 * <p>When no channel is active the highest channel watermark is forwarded, as Flink does: an ended
 * channel promised everything up to its last watermark, and a quiet one must not hold event time back.
 */
final class WatermarkValve {
  /** Where the valve forwards the input's watermark and idleness. */
  interface Sink {
    void watermark(long watermark) throws Exception;

    void idle(boolean idle) throws Exception;
  }

  private final long[] watermarks;
  private final boolean[] idle;
  private final boolean[] ended;
  private final Sink sink;
  private long forwarded = Long.MIN_VALUE;
  private boolean inputIdle;
  private int endedCount;

  WatermarkValve(int channels, Sink sink) {
    this.watermarks = new long[channels];
    this.idle = new boolean[channels];
    this.ended = new boolean[channels];
    this.sink = sink;
    Arrays.fill(watermarks, Long.MIN_VALUE);
  }

  void watermark(int channel, long watermark) throws Exception {
    if (ended[channel]) {
      return;
    }
    idle[channel] = false; // a watermark is a sign of life
    watermarks[channel] = Math.max(watermarks[channel], watermark);
    update();
  }

  void idle(int channel, boolean isIdle) throws Exception {
    idle[channel] = isIdle;
    update();
  }

  void end(int channel) throws Exception {
    if (!ended[channel]) {
      ended[channel] = true;
      endedCount++;
      update();
    }
  }

  /** The last watermark forwarded. */
  long forwarded() {
    return forwarded;
  }

  private void update() throws Exception {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    boolean anyActive = false;
    for (int i = 0; i < watermarks.length; i++) {
      max = Math.max(max, watermarks[i]);
      if (!idle[i] && !ended[i]) {
        min = Math.min(min, watermarks[i]);
        anyActive = true;
      }
    }
    if (anyActive) {
      if (inputIdle) {
        inputIdle = false;
        sink.idle(false);
      }
      forward(min);
    } else if (endedCount < watermarks.length) {
      forward(max);
      if (!inputIdle) {
        inputIdle = true;
        sink.idle(true);
      }
    }
  }

  private void forward(long watermark) throws Exception {
    if (watermark > forwarded) {
      forwarded = watermark;
      sink.watermark(watermark);
    }
  }
}

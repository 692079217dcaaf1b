package io.tributary.worker.task;

/**
 * Combines the watermarks and idleness of the channels of one input: the input's watermark is the
 * minimum over channels that are neither idle nor ended, forwarded only when it rises; the input is
 * idle when every channel still open is. Confined to the subtask's thread.
 *
 * <p>When every channel is idle the highest channel watermark is forwarded (as Flink does), so that a
 * quiet input does not leave event time behind what it already promised.
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

  WatermarkValve(int channels, Sink sink) {
    this.watermarks = new long[channels];
    this.idle = new boolean[channels];
    this.ended = new boolean[channels];
    this.sink = sink;
    java.util.Arrays.fill(watermarks, Long.MIN_VALUE);
  }

  void watermark(int channel, long watermark) throws Exception {
    if (watermark <= watermarks[channel]) {
      return;
    }
    watermarks[channel] = watermark;
    if (idle[channel]) {
      idle(channel, false);
    } else {
      advance();
    }
  }

  void idle(int channel, boolean isIdle) throws Exception {
    idle[channel] = isIdle;
    boolean allIdle = allIdleOrEnded() && !allEnded();
    if (allIdle != inputIdle) {
      if (allIdle) {
        forwardMax();
      }
      inputIdle = allIdle;
      sink.idle(allIdle);
    }
    if (!allIdle) {
      advance();
    }
  }

  void end(int channel) throws Exception {
    ended[channel] = true;
    if (!allEnded()) {
      advance();
    }
  }

  boolean allEnded() {
    for (boolean e : ended) {
      if (!e) {
        return false;
      }
    }
    return true;
  }

  long forwarded() {
    return forwarded;
  }

  private boolean allIdleOrEnded() {
    for (int i = 0; i < idle.length; i++) {
      if (!idle[i] && !ended[i]) {
        return false;
      }
    }
    return true;
  }

  private void advance() throws Exception {
    long min = Long.MAX_VALUE;
    boolean any = false;
    for (int i = 0; i < watermarks.length; i++) {
      if (!idle[i] && !ended[i]) {
        min = Math.min(min, watermarks[i]);
        any = true;
      }
    }
    if (any && min > forwarded) {
      forwarded = min;
      sink.watermark(min);
    }
  }

  private void forwardMax() throws Exception {
    long max = Long.MIN_VALUE;
    for (long w : watermarks) {
      max = Math.max(max, w);
    }
    if (max > forwarded) {
      forwarded = max;
      sink.watermark(max);
    }
  }
}

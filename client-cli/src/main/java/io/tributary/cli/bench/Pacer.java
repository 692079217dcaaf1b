package io.tributary.cli.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * Spaces events at a fixed rate from a start time; when the caller falls behind it does not wait,
 * so the average rate holds. Confined to one thread.
 */
final class Pacer {
  private final long start;
  private final double intervalNanos;
  private long issued;

  /** {@code perSecond} 0 or less means no pacing. */
  Pacer(double perSecond, long startNanos) {
    this.start = startNanos;
    this.intervalNanos = perSecond <= 0 ? 0 : 1e9 / perSecond;
  }

  /** Waits until the next event is due. */
  void awaitNext() {
    if (intervalNanos == 0) {
      return;
    }
    long due = start + (long) (issued++ * intervalNanos);
    long wait;
    while ((wait = due - System.nanoTime()) > 0) {
      LockSupport.parkNanos(wait);
    }
  }
}

package io.tributary.worker.task;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of one subtask. Written by the subtask's thread only, read by reporters and scrapes.
 *
 * <p>Single-writer release stores keep the per-record cost to a plain add.
 */
public final class TaskMetrics {
  private final AtomicLong recordsIn = new AtomicLong();
  private final AtomicLong recordsOut = new AtomicLong();
  private final AtomicLong backPressuredNanos = new AtomicLong();

  void recordIn() {
    recordsIn.lazySet(recordsIn.getPlain() + 1);
  }

  void recordOut() {
    recordsOut.lazySet(recordsOut.getPlain() + 1);
  }

  void backPressured(long totalNanos) {
    backPressuredNanos.lazySet(totalNanos);
  }

  public long recordsIn() {
    return recordsIn.get();
  }

  public long recordsOut() {
    return recordsOut.get();
  }

  public long backPressuredMillis() {
    return backPressuredNanos.get() / 1_000_000;
  }
}

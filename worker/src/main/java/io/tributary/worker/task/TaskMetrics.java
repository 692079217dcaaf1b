package io.tributary.worker.task;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of one subtask and its user metrics. The engine's counters are written by the subtask's
 * thread only; all are read by reporters and scrapes. Thread-safe.
 *
 * <p>Single-writer release stores keep the per-record cost to a plain add.
 */
public final class TaskMetrics {
  private final AtomicLong recordsIn = new AtomicLong();
  private final AtomicLong recordsOut = new AtomicLong();
  private final AtomicLong backPressuredNanos = new AtomicLong();
  private final SubtaskMetricGroup user = new SubtaskMetricGroup();

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

  /** What the subtask's operators, readers and writers register (their {@code metrics()}). */
  public SubtaskMetricGroup user() {
    return user;
  }
}

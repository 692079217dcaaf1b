package io.tributary.worker.task;

import io.tributary.api.operators.ProcessingTimeService;
import java.time.Clock;
import java.util.PriorityQueue;

/**
 * The processing-time service of one subtask: callbacks ordered by due time, run by the subtask's
 * loop between batches. Confined to the subtask's thread.
 *
 * <p>Running callbacks on the task thread keeps operators single-threaded, as their contract says.
 */
final class TaskTimers implements ProcessingTimeService {
  private final Clock clock;
  private final PriorityQueue<Timer> queue = new PriorityQueue<>();
  private long sequence;

  TaskTimers(Clock clock) {
    this.clock = clock;
  }

  @Override
  public long currentProcessingTime() {
    return clock.millis();
  }

  @Override
  public Cancellable registerTimer(long time, Callback callback) {
    Timer timer = new Timer(time, sequence++, callback);
    queue.add(timer);
    return timer;
  }

  /** Runs every callback due by now, including ones they register for a time already passed. */
  void runDue() throws Exception {
    long now = clock.millis();
    Timer next = queue.peek();
    while (next != null && next.time <= now) {
      queue.poll();
      if (!next.canceled) {
        next.callback.onProcessingTime(next.time);
      }
      next = queue.peek();
    }
  }

  /** Millis until the next callback is due (0 if one is), at most {@code max}. */
  long millisUntilNext(long max) {
    Timer next = queue.peek();
    if (next == null) {
      return max;
    }
    return Math.max(0, Math.min(max, next.time - clock.millis()));
  }

  private static final class Timer implements Comparable<Timer>, Cancellable {
    final long time;
    final long sequence;
    final Callback callback;
    boolean canceled;

    Timer(long time, long sequence, Callback callback) {
      this.time = time;
      this.sequence = sequence;
      this.callback = callback;
    }

    @Override
    public void cancel() {
      canceled = true;
    }

    @Override
    public int compareTo(Timer o) {
      int byTime = Long.compare(time, o.time);
      return byTime != 0 ? byTime : Long.compare(sequence, o.sequence);
    }
  }
}

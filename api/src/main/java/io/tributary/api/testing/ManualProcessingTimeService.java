package io.tributary.api.testing;

import io.tributary.api.operators.ProcessingTimeService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Processing time that moves only when a test says so: callbacks run, in time order, when the time
 * is set at or past theirs (or on {@link #runDue()}), on the caller's thread. Not thread-safe:
 * confined to the test's thread, like the subtask thread it stands for.
 */
public final class ManualProcessingTimeService implements ProcessingTimeService {
  private final TreeMap<Long, List<Registration>> callbacks = new TreeMap<>();
  private long now;

  public ManualProcessingTimeService(long initialTime) {
    this.now = initialTime;
  }

  @Override
  public long currentProcessingTime() {
    return now;
  }

  @Override
  public Cancellable registerTimer(long time, Callback callback) {
    Registration registration = new Registration(time, callback);
    callbacks.computeIfAbsent(time, t -> new ArrayList<>()).add(registration);
    return registration;
  }

  /**
   * Moves the clock to {@code time} and runs the callbacks that became due.
   *
   * @throws IllegalArgumentException when {@code time} is before the current time: processing time never goes back
   */
  public void setCurrentTime(long time) throws Exception {
    if (time < now) {
      throw new IllegalArgumentException("processing time cannot go back from " + now + " to " + time);
    }
    now = time;
    runDue();
  }

  /** Runs every callback due at the current time, including ones registered by callbacks. */
  public void runDue() throws Exception {
    Map.Entry<Long, List<Registration>> first;
    while ((first = callbacks.firstEntry()) != null && first.getKey() <= now) {
      Registration next = first.getValue().remove(0);
      if (first.getValue().isEmpty()) {
        callbacks.remove(first.getKey());
      }
      if (!next.canceled) {
        next.callback.onProcessingTime(next.time);
      }
    }
  }

  /** Callbacks registered and not canceled, due or not. */
  public int numPendingCallbacks() {
    int count = 0;
    for (List<Registration> list : callbacks.values()) {
      for (Registration registration : list) {
        count += registration.canceled ? 0 : 1;
      }
    }
    return count;
  }

  private static final class Registration implements Cancellable {
    private final long time;
    private final Callback callback;
    private boolean canceled;

    Registration(long time, Callback callback) {
      this.time = time;
      this.callback = callback;
    }

    @Override
    public void cancel() {
      canceled = true;
    }
  }
}

package io.tributary.api.fakes;

import io.tributary.api.graph.KeyGroupRange;
import io.tributary.api.graph.KeyGroups;
import io.tributary.api.operators.OperatorContext;
import io.tributary.api.operators.ProcessingTimeService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An operator/connector context for one subtask with a hand-driven clock; {@link #advance} fires
 * due processing-time callbacks in time order, the way the task thread does. Confined to the test thread.
 */
public final class FakeOperatorContext implements OperatorContext, ProcessingTimeService {
  private final int subtask;
  private final int parallelism;
  private final TestClock clock = new TestClock(1_000_000);
  private final List<Timer> timers = new ArrayList<>();

  public FakeOperatorContext(int subtask, int parallelism) {
    this.subtask = subtask;
    this.parallelism = parallelism;
  }

  public TestClock testClock() {
    return clock;
  }

  /** Moves processing time forward, running every callback that becomes due. */
  public void advance(long millis) throws Exception {
    long target = clock.millis() + millis;
    while (true) {
      Timer next = timers.stream().filter(t -> t.time <= target).min(Comparator.comparingLong(t -> t.time))
          .orElse(null);
      if (next == null) {
        break;
      }
      timers.remove(next);
      clock.advance(next.time - clock.millis());
      next.callback.onProcessingTime(next.time);
    }
    clock.advance(target - clock.millis());
  }

  public int pendingTimers() {
    return timers.size();
  }

  @Override
  public int subtaskIndex() {
    return subtask;
  }

  @Override
  public int parallelism() {
    return parallelism;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public ClassLoader userClassLoader() {
    return getClass().getClassLoader();
  }

  @Override
  public <C> C connector(Class<C> type) {
    throw new IllegalStateException("no connector " + type.getName() + " in this test");
  }

  @Override
  public String jobName() {
    return "test-job";
  }

  @Override
  public String operatorName() {
    return "test-operator";
  }

  @Override
  public int maxParallelism() {
    return KeyGroups.DEFAULT_MAX_PARALLELISM;
  }

  @Override
  public KeyGroupRange keyGroupRange() {
    return KeyGroups.rangeFor(maxParallelism(), parallelism, subtask);
  }

  @Override
  public ProcessingTimeService processingTimeService() {
    return this;
  }

  @Override
  public long currentProcessingTime() {
    return clock.millis();
  }

  @Override
  public Cancellable registerTimer(long time, Callback callback) {
    Timer timer = new Timer(time, callback);
    timers.add(timer);
    return () -> timers.remove(timer);
  }

  private static final class Timer {
    final long time;
    final Callback callback;

    Timer(long time, Callback callback) {
      this.time = time;
      this.callback = callback;
    }
  }
}

package io.tributary.coordinator.jobs;

import io.tributary.api.checkpoint.RestartStrategy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Decides, from a job's {@link RestartStrategy} and its failure history, whether a failure restarts
 * the job and after which delay. Confined to the JobManager thread; times come in as arguments.
 *
 * <p>One class for every strategy keeps the "give up" rules side by side and testable with plain numbers.
 */
final class RestartBackoff {
  private final RestartStrategy strategy;
  private final Deque<Long> failureTimes = new ArrayDeque<>();
  private int restarts;
  private long currentDelayMs = -1;
  private long lastFailureMs = Long.MIN_VALUE;

  RestartBackoff(RestartStrategy strategy) {
    this.strategy = strategy;
  }

  /** Records a failure at {@code now}: the delay before restarting, or empty when the strategy gives up. */
  Optional<Duration> onFailure(long now) {
    Optional<Duration> delay = delayAfterFailure(now);
    lastFailureMs = now;
    delay.ifPresent(d -> restarts++);
    return delay;
  }

  private Optional<Duration> delayAfterFailure(long now) {
    if (strategy instanceof RestartStrategy.FixedDelay fixed) {
      return restarts < fixed.attempts() ? Optional.of(fixed.delay()) : Optional.empty();
    }
    if (strategy instanceof RestartStrategy.ExponentialDelay exp) {
      return Optional.of(Duration.ofMillis(exponential(exp, now)));
    }
    if (strategy instanceof RestartStrategy.FailureRate rate) {
      return withinRate(rate, now) ? Optional.of(rate.delay()) : Optional.empty();
    }
    return Optional.empty();
  }

  /** Restarts granted so far. */
  int restarts() {
    return restarts;
  }

  /** What the strategy allows, for messages: e.g. "fixed delay (3 attempts, 1s apart)". */
  String describe() {
    if (strategy instanceof RestartStrategy.FixedDelay f) {
      return "fixed delay (" + f.attempts() + " attempts, " + f.delay().toMillis() + " ms apart)";
    }
    if (strategy instanceof RestartStrategy.ExponentialDelay e) {
      return "exponential delay (" + e.initial().toMillis() + " to " + e.max().toMillis() + " ms)";
    }
    if (strategy instanceof RestartStrategy.FailureRate r) {
      return "failure rate (at most " + r.maxFailures() + " failures per " + r.interval().toMillis() + " ms)";
    }
    return "no restarts";
  }

  private long exponential(RestartStrategy.ExponentialDelay exp, long now) {
    boolean quiet = lastFailureMs != Long.MIN_VALUE && now - lastFailureMs >= exp.resetAfter().toMillis();
    if (currentDelayMs < 0 || quiet) {
      currentDelayMs = exp.initial().toMillis();
    } else {
      double next = Math.max(1, currentDelayMs) * exp.multiplier();
      currentDelayMs = (long) Math.min(exp.max().toMillis(), next);
    }
    return currentDelayMs;
  }

  private boolean withinRate(RestartStrategy.FailureRate rate, long now) {
    failureTimes.addLast(now);
    while (!failureTimes.isEmpty() && now - failureTimes.peekFirst() >= rate.interval().toMillis()) {
      failureTimes.removeFirst();
    }
    return failureTimes.size() <= rate.maxFailures();
  }
}

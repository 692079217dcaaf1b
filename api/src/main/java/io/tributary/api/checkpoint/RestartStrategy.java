package io.tributary.api.checkpoint;

import java.io.Serializable;
import java.time.Duration;

/** What the JobManager does when a subtask fails or a worker is lost. */
public sealed interface RestartStrategy extends Serializable {
  /** Fail the job at the first failure (the default without checkpoints). */
  record None() implements RestartStrategy {}

  /** Restart up to {@code attempts} times, waiting {@code delay} before each. */
  record FixedDelay(int attempts, Duration delay) implements RestartStrategy {
    public FixedDelay {
      if (attempts < 0 || delay == null || delay.isNegative()) {
        throw new IllegalArgumentException("fixed-delay restarts need attempts >= 0 and a delay >= 0");
      }
    }
  }

  /**
   * Restart without limit, the delay growing from {@code initial} by {@code multiplier} up to
   * {@code max}; it falls back to {@code initial} after {@code resetAfter} without failures.
   */
  record ExponentialDelay(Duration initial, Duration max, double multiplier, Duration resetAfter)
      implements RestartStrategy {
    public ExponentialDelay {
      if (initial == null || initial.isNegative() || max == null || max.compareTo(initial) < 0 || multiplier < 1
          || resetAfter == null || resetAfter.isNegative()) {
        throw new IllegalArgumentException("exponential-delay restarts need 0 <= initial <= max, multiplier >= 1");
      }
    }
  }

  /** Restart while fewer than {@code maxFailures} happened within {@code interval}, waiting {@code delay}. */
  record FailureRate(int maxFailures, Duration interval, Duration delay) implements RestartStrategy {
    public FailureRate {
      if (maxFailures < 1 || interval == null || interval.isNegative() || interval.isZero() || delay == null
          || delay.isNegative()) {
        throw new IllegalArgumentException("failure-rate restarts need maxFailures >= 1, an interval > 0, a delay >= 0");
      }
    }
  }

  static RestartStrategy none() {
    return new None();
  }

  static RestartStrategy fixedDelay(int attempts, Duration delay) {
    return new FixedDelay(attempts, delay);
  }

  static RestartStrategy exponentialDelay(Duration initial, Duration max) {
    return new ExponentialDelay(initial, max, 2.0, Duration.ofHours(1));
  }

  static RestartStrategy failureRate(int maxFailures, Duration interval, Duration delay) {
    return new FailureRate(maxFailures, interval, delay);
  }
}

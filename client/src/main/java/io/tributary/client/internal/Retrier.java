package io.tributary.client.internal;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One bounded retry loop: exponential back-off with jitter between attempts, and an overall
 * deadline on the client's clock. Confined to the thread running the loop. Every retry in the
 * client must end, and end the same way.
 */
public final class Retrier {
  private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Clock clock;
  private final Duration budget;
  private final long deadlineMillis;
  private long backoffNanos;

  public Retrier(Clock clock, Duration budget, Duration initialBackoff) {
    this.clock = clock;
    this.budget = budget;
    this.deadlineMillis = clock.millis() + budget.toMillis();
    this.backoffNanos = Math.max(1, initialBackoff.toNanos());
  }

  /** The back-off before attempt {@code attempt} (1 = first retry), doubling from {@code initial} up to 1 s. */
  public static long backoffNanos(Duration initial, int attempt) {
    long base = Math.max(1, initial.toNanos());
    int shift = Math.min(Math.max(attempt - 1, 0), 30);
    long pause = base << shift;
    return pause <= 0 || pause > MAX_BACKOFF_NANOS ? Math.max(base, MAX_BACKOFF_NANOS) : pause;
  }

  public boolean expired() {
    return clock.millis() >= deadlineMillis;
  }

  /**
   * Sleeps before the next attempt. Returns false without sleeping when the budget is spent.
   *
   * @throws TributaryException UNAVAILABLE when interrupted (the interrupt flag stays set)
   */
  public boolean backOff() {
    long remainingMillis = deadlineMillis - clock.millis();
    if (remainingMillis <= 0) {
      return false;
    }
    long jittered = backoffNanos - backoffNanos / 5 + ThreadLocalRandom.current().nextLong(backoffNanos / 5 * 2 + 1);
    long pause = Math.min(jittered, TimeUnit.MILLISECONDS.toNanos(remainingMillis));
    backoffNanos = Math.min(backoffNanos * 2, Math.max(backoffNanos, MAX_BACKOFF_NANOS));
    sleep(pause);
    return true;
  }

  /** The error a caller throws when the budget is spent: the last failure, saying it was retried. */
  public TributaryException gaveUp(TributaryException last) {
    return new TributaryException(
        last.code(), last.getMessage() + " (still failing after retrying for " + budget.toMillis() + " ms)", last);
  }

  static void sleep(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TributaryException(ErrorCode.UNAVAILABLE, "interrupted while waiting to retry", e);
    }
  }
}

package io.tributary.delivery.destination;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Delivers a batch, retrying failures with exponential back-off (200 ms doubling to 10 s) until the
 * retry duration has passed since the first attempt; then gives up with the last error. Confined to
 * the thread that calls it. The back-off keeps a destination that is down from being hammered by
 * every subtask, while the cap keeps the delay after it returns short.
 *
 * <p>{@code stopped} is checked before each attempt and after each wait; to stop during a wait, the
 * caller interrupts the delivering thread (or its {@link Sleeper} returns early).
 */
public final class RetryingDelivery {
  /** Waits between attempts; tests pass one that advances a manual clock. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** What happened to a batch. */
  public sealed interface Outcome {}

  public record Delivered(int attempts) implements Outcome {}

  public record GaveUp(int attempts, String lastError) implements Outcome {}

  /** The caller asked to stop (the subtask is closing) before the batch was delivered. */
  public record Stopped(int attempts) implements Outcome {}

  static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

  private static final Logger LOG = LogManager.getLogger(RetryingDelivery.class);

  private final Destination destination;
  private final Duration retryDuration;
  private final Clock clock;
  private final Sleeper sleeper;

  public RetryingDelivery(Destination destination, Duration retryDuration, Clock clock, Sleeper sleeper) {
    if (retryDuration.isNegative()) {
      throw new IllegalArgumentException("retry duration " + retryDuration + " is negative");
    }
    this.destination = destination;
    this.retryDuration = retryDuration;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * Delivers {@code batch}, retrying until delivered, the retry duration passed, or {@code stopped}
   * says so; {@code onFailure} is told of each failed attempt (for metrics).
   */
  public Outcome deliver(DeliveryBatch batch, BooleanSupplier stopped, Runnable onFailure) {
    Instant deadline = clock.instant().plus(retryDuration);
    Duration backoff = FIRST_BACKOFF;
    int attempts = 0;
    while (!stopped.getAsBoolean()) {
      attempts++;
      String error;
      try {
        destination.deliver(batch);
        return new Delivered(attempts);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Stopped(attempts);
      } catch (Exception e) {
        onFailure.run();
        error = errorText(e);
      }
      Duration left = Duration.between(clock.instant(), deadline);
      if (left.isNegative() || left.isZero()) {
        LOG.warn("giving up on {} after {} attempts: {}", batch.key(), attempts, error);
        return new GaveUp(attempts, error);
      }
      Duration wait = backoff.compareTo(left) < 0 ? backoff : left;
      LOG.warn("attempt {} to deliver {} failed, retrying in {} ms: {}", attempts, batch.key(), wait.toMillis(), error);
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Stopped(attempts);
      }
      backoff = backoff.multipliedBy(2);
      if (backoff.compareTo(MAX_BACKOFF) > 0) {
        backoff = MAX_BACKOFF;
      }
    }
    return new Stopped(attempts);
  }

  private static String errorText(Exception e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}

package io.tributary.delivery.destination;

import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Delivers a batch, retrying failures with exponential back-off (200 ms doubling to 10 s) until the
 * retry duration has passed since the first attempt; then gives up with the last error. Confined to
 * the thread that calls it.
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

  private final Destination destination;
  private final Duration retryDuration;
  private final Clock clock;
  private final Sleeper sleeper;

  public RetryingDelivery(Destination destination, Duration retryDuration, Clock clock, Sleeper sleeper) {
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
    throw new UnsupportedOperationException("not built yet");
  }
}

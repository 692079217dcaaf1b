package io.tributary.api.checkpoint;

import java.io.Serializable;
import java.time.Duration;

/**
 * How a job checkpoints. {@code interval} zero disables checkpoints.
 *
 * @param interval time between the start of two checkpoints
 * @param timeout a checkpoint not complete after this is aborted (and reported)
 * @param minPause least time between the end of one checkpoint and the start of the next
 * @param maxConcurrent checkpoints in progress at once
 * @param retained completed checkpoints kept (older ones deleted); recovery falls back through them
 */
public record CheckpointSettings(Duration interval, Duration timeout, Duration minPause, int maxConcurrent, int retained)
    implements Serializable {
  public CheckpointSettings {
    if (interval == null || interval.isNegative()) {
      throw new IllegalArgumentException("checkpoint interval must be zero (off) or positive, got " + interval);
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("checkpoint timeout must be positive, got " + timeout);
    }
    if (minPause == null || minPause.isNegative()) {
      throw new IllegalArgumentException("minimum pause between checkpoints must not be negative, got " + minPause);
    }
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException("max concurrent checkpoints must be at least 1, got " + maxConcurrent);
    }
    if (retained < 1) {
      throw new IllegalArgumentException("retained checkpoints must be at least 1, got " + retained);
    }
  }

  public static CheckpointSettings disabled() {
    return new CheckpointSettings(Duration.ZERO, Duration.ofMinutes(10), Duration.ZERO, 1, 3);
  }

  /** Checkpoints every {@code interval}, 10 minute timeout, no pause, one at a time, 3 retained. */
  public static CheckpointSettings every(Duration interval) {
    return new CheckpointSettings(interval, Duration.ofMinutes(10), Duration.ZERO, 1, 3);
  }

  public boolean enabled() {
    return !interval.isZero();
  }

  public CheckpointSettings withTimeout(Duration value) {
    return new CheckpointSettings(interval, value, minPause, maxConcurrent, retained);
  }

  public CheckpointSettings withMinPause(Duration value) {
    return new CheckpointSettings(interval, timeout, value, maxConcurrent, retained);
  }

  public CheckpointSettings withMaxConcurrent(int value) {
    return new CheckpointSettings(interval, timeout, minPause, value, retained);
  }

  public CheckpointSettings withRetained(int value) {
    return new CheckpointSettings(interval, timeout, minPause, maxConcurrent, value);
  }
}

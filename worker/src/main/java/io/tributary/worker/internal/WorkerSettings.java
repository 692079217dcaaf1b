package io.tributary.worker.internal;

import io.tributary.worker.exchange.ExchangeSettings;
import java.time.Duration;

/**
 * Engine settings of a worker that are not user configuration: exchange sizes, how often running
 * subtasks are reported, how long a finished job's partitions stay readable. Immutable.
 */
public record WorkerSettings(ExchangeSettings exchange, Duration reportInterval, Duration finishedLinger) {
  public static WorkerSettings defaults() {
    return new WorkerSettings(ExchangeSettings.defaults(), Duration.ofSeconds(1), Duration.ofSeconds(30));
  }
}

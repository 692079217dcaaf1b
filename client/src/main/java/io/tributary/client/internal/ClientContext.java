package io.tributary.client.internal;

import io.tributary.client.ClientOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;

/**
 * What the parts of one client share: its options and clock, the coordinator pool, the broker
 * channels, the shard-map cache and a small executor for background work. Immutable holder of
 * thread-safe collaborators.
 */
public record ClientContext(
    ClientOptions options,
    Clock clock,
    CoordinatorPool coordinators,
    BrokerStubs brokers,
    ShardMaps maps,
    ExecutorService executor) {
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);

  /** A retry loop bounded by the client's retry timeout. */
  public Retrier retrier() {
    return new Retrier(clock, options.retryTimeout(), FIRST_BACKOFF);
  }
}

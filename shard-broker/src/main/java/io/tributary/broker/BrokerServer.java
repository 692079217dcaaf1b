package io.tributary.broker;

import io.tributary.broker.internal.BrokerRuntime;
import java.time.Clock;

/**
 * A running shard broker: registers itself in ZooKeeper, opens the shard logs it leads, and serves
 * the ShardData gRPC service. Thread-safe.
 */
public final class BrokerServer implements AutoCloseable {
  private final BrokerRuntime runtime;

  private BrokerServer(BrokerRuntime runtime) {
    this.runtime = runtime;
  }

  /** Starts a broker; returns once it serves requests (the caller then prints its READY line). */
  public static BrokerServer start(BrokerConfig config, Clock clock) {
    return new BrokerServer(BrokerRuntime.start(config, clock));
  }

  /** Starts a broker on the system clock. */
  public static BrokerServer start(BrokerConfig config) {
    return start(config, Clock.systemUTC());
  }

  public int id() {
    return runtime.id();
  }

  /** HOST:PORT of the gRPC server. */
  public String address() {
    return runtime.address();
  }

  /** The port of the Prometheus {@code /metrics} endpoint on the broker's host, or -1 if metrics are off. */
  public int metricsPort() {
    return runtime.metricsPort();
  }

  /** Stops serving, closes logs and the ZooKeeper session; data stays on disk. */
  @Override
  public void close() {
    runtime.close();
  }
}

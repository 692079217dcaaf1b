package io.tributary.broker;

import java.time.Clock;

/**
 * A running shard broker: registers itself in ZooKeeper, opens the shard logs it leads, and serves
 * the ShardData gRPC service. Thread-safe.
 */
public final class BrokerServer implements AutoCloseable {
  /** Starts a broker; returns once it serves requests (the caller then prints its READY line). */
  public static BrokerServer start(BrokerConfig config, Clock clock) {
    throw new UnsupportedOperationException("not yet built");
  }

  public int id() {
    throw new UnsupportedOperationException("not yet built");
  }

  /** HOST:PORT of the gRPC server. */
  public String address() {
    throw new UnsupportedOperationException("not yet built");
  }

  /** Stops serving, closes logs and the ZooKeeper session; data stays on disk. */
  @Override
  public void close() {}
}

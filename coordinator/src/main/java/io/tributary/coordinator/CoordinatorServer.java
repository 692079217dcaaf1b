package io.tributary.coordinator;

import java.time.Clock;

/**
 * A running coordinator: joins the leader election, serves StreamAdmin and ClusterAdmin. Thread-safe.
 */
public final class CoordinatorServer implements AutoCloseable {
  /** Starts a coordinator; returns once it serves requests (as leader or standby). */
  public static CoordinatorServer start(CoordinatorConfig config, Clock clock) {
    throw new UnsupportedOperationException("not yet built");
  }

  public String id() {
    throw new UnsupportedOperationException("not yet built");
  }

  /** HOST:PORT of the gRPC server. */
  public String address() {
    throw new UnsupportedOperationException("not yet built");
  }

  public boolean isLeader() {
    throw new UnsupportedOperationException("not yet built");
  }

  @Override
  public void close() {}
}

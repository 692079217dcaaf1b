package io.tributary.worker;

import java.time.Clock;

/**
 * A running worker: gRPC server (TaskControl, DataExchange), ZooKeeper registration with its slots,
 * and the subtasks it runs. Thread-safe. Placeholder signatures; the worker work fills them in.
 */
public final class WorkerServer implements AutoCloseable {
  public static WorkerServer start(WorkerConfig config, Clock clock) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  public static WorkerServer start(WorkerConfig config) {
    return start(config, Clock.systemUTC());
  }

  public String id() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** HOST:PORT of its gRPC server. */
  public String address() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  public int slots() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Slots not running a subtask now. */
  public int freeSlots() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  public int metricsPort() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  @Override
  public void close() {
    throw new UnsupportedOperationException("not yet implemented");
  }
}

package io.tributary.worker;

import io.tributary.worker.internal.WorkerRuntime;
import io.tributary.worker.internal.WorkerSettings;
import java.time.Clock;

/**
 * A running worker: gRPC server (TaskControl, DataExchange), ZooKeeper registration with its slots,
 * and the subtasks it runs. Thread-safe.
 */
public final class WorkerServer implements AutoCloseable {
  private final WorkerRuntime runtime;

  private WorkerServer(WorkerRuntime runtime) {
    this.runtime = runtime;
  }

  /** Starts a worker; returns once it serves requests and is registered (the caller then prints READY). */
  public static WorkerServer start(WorkerConfig config, Clock clock) {
    return start(config, clock, WorkerSettings.defaults());
  }

  public static WorkerServer start(WorkerConfig config) {
    return start(config, Clock.systemUTC());
  }

  /** Starts a worker with engine settings other than the defaults (exchange sizes, report interval). */
  public static WorkerServer start(WorkerConfig config, Clock clock, WorkerSettings settings) {
    return new WorkerServer(WorkerRuntime.start(config, clock, settings));
  }

  public String id() {
    return runtime.id();
  }

  /** HOST:PORT of its gRPC server. */
  public String address() {
    return runtime.address();
  }

  public int slots() {
    return runtime.slots();
  }

  /** Slots not running a subtask now. */
  public int freeSlots() {
    return runtime.freeSlots();
  }

  /** The port of the Prometheus {@code /metrics} endpoint, or -1 if metrics are off. */
  public int metricsPort() {
    return runtime.metricsPort();
  }

  /** Unregisters, cancels its subtasks (bounded), stops serving and closes the ZooKeeper session. */
  @Override
  public void close() {
    runtime.close();
  }
}

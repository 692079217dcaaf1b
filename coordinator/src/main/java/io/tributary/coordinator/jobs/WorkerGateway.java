package io.tributary.coordinator.jobs;

import io.tributary.proto.v1.TaskDeployment;
import java.util.concurrent.CompletableFuture;

/**
 * How the JobManager reaches workers' TaskControl services. Thread-safe.
 *
 * <p>Calls are asynchronous so that the JobManager thread never waits on a worker.
 */
public interface WorkerGateway extends AutoCloseable {
  CompletableFuture<Void> deploy(String workerAddress, TaskDeployment deployment);

  /** Cancels every subtask of {@code jobId} on the worker; completes with how many it canceled. */
  CompletableFuture<Integer> cancel(String workerAddress, String jobId, long epoch);

  /** Drops what is kept for a worker that went away. */
  void forget(String workerAddress);

  @Override
  void close();
}

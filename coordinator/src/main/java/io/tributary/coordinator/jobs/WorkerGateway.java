package io.tributary.coordinator.jobs;

import io.tributary.proto.v1.NotifyCheckpointRequest;
import io.tributary.proto.v1.TaskDeployment;
import io.tributary.proto.v1.TriggerCheckpointRequest;
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

  /** Asks a source subtask to start a checkpoint. */
  CompletableFuture<Void> triggerCheckpoint(String workerAddress, TriggerCheckpointRequest request);

  /** Tells a worker's subtasks of a job that a checkpoint completed or was aborted. */
  CompletableFuture<Void> notifyCheckpoint(String workerAddress, NotifyCheckpointRequest request);

  /** Drops what is kept for a worker that went away. */
  void forget(String workerAddress);

  @Override
  void close();
}

package io.tributary.coordinator.jobs;

import io.tributary.proto.v1.NotifyCheckpointRequest;
import io.tributary.proto.v1.TaskDeployment;
import io.tributary.proto.v1.TriggerCheckpointRequest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link WorkerGateway} that records checkpoint calls and answers at once. Thread-safe. */
final class RecordingGateway implements WorkerGateway {
  record Sent<T>(String address, T request) {}

  final List<Sent<TriggerCheckpointRequest>> triggers = new CopyOnWriteArrayList<>();
  final List<Sent<NotifyCheckpointRequest>> notifies = new CopyOnWriteArrayList<>();
  volatile boolean triggersFail;

  @Override
  public CompletableFuture<Void> deploy(String workerAddress, TaskDeployment deployment) {
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Integer> cancel(String workerAddress, String jobId, long epoch) {
    return CompletableFuture.completedFuture(0);
  }

  @Override
  public CompletableFuture<Void> triggerCheckpoint(String workerAddress, TriggerCheckpointRequest request) {
    triggers.add(new Sent<>(workerAddress, request));
    return triggersFail ? CompletableFuture.failedFuture(new IllegalStateException("connection refused"))
        : CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> notifyCheckpoint(String workerAddress, NotifyCheckpointRequest request) {
    notifies.add(new Sent<>(workerAddress, request));
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void forget(String workerAddress) {}

  @Override
  public void close() {}
}

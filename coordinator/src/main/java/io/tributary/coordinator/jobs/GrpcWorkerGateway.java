package io.tributary.coordinator.jobs;

import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import io.tributary.common.grpc.GrpcChannels;
import io.tributary.proto.v1.CancelTasksRequest;
import io.tributary.proto.v1.CancelTasksResponse;
import io.tributary.proto.v1.DeployTaskResponse;
import io.tributary.proto.v1.NotifyCheckpointRequest;
import io.tributary.proto.v1.NotifyCheckpointResponse;
import io.tributary.proto.v1.TriggerCheckpointRequest;
import io.tributary.proto.v1.TriggerCheckpointResponse;
import io.tributary.proto.v1.TaskControlGrpc;
import io.tributary.proto.v1.TaskDeployment;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@link WorkerGateway} over gRPC: one channel per worker address, each call with a deadline.
 * Thread-safe.
 *
 * <p>Channels are reused across jobs because deployments of one job go to few workers many times.
 */
public final class GrpcWorkerGateway implements WorkerGateway {
  private final Duration deadline;
  private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

  public GrpcWorkerGateway(Duration deadline) {
    this.deadline = deadline;
  }

  @Override
  public CompletableFuture<Void> deploy(String workerAddress, TaskDeployment deployment) {
    CompletableFuture<DeployTaskResponse> done = new CompletableFuture<>();
    stub(workerAddress).deployTask(deployment, observer(done));
    return done.thenApply(r -> null);
  }

  @Override
  public CompletableFuture<Integer> cancel(String workerAddress, String jobId, long epoch) {
    CompletableFuture<CancelTasksResponse> done = new CompletableFuture<>();
    stub(workerAddress).cancelTasks(CancelTasksRequest.newBuilder().setJobId(jobId).setEpoch(epoch).build(),
        observer(done));
    return done.thenApply(CancelTasksResponse::getCanceled);
  }

  @Override
  public CompletableFuture<Void> triggerCheckpoint(String workerAddress, TriggerCheckpointRequest request) {
    CompletableFuture<TriggerCheckpointResponse> done = new CompletableFuture<>();
    stub(workerAddress).triggerCheckpoint(request, observer(done));
    return done.thenApply(r -> null);
  }

  @Override
  public CompletableFuture<Void> notifyCheckpoint(String workerAddress, NotifyCheckpointRequest request) {
    CompletableFuture<NotifyCheckpointResponse> done = new CompletableFuture<>();
    stub(workerAddress).notifyCheckpoint(request, observer(done));
    return done.thenApply(r -> null);
  }

  @Override
  public void forget(String workerAddress) {
    ManagedChannel channel = channels.remove(workerAddress);
    if (channel != null) {
      channel.shutdown(); // calls in flight fail on their own deadlines
    }
  }

  private TaskControlGrpc.TaskControlStub stub(String address) {
    ManagedChannel channel = channels.computeIfAbsent(address, (Function<String, ManagedChannel>)
        GrpcChannels::forAddress);
    return TaskControlGrpc.newStub(channel).withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static <T> StreamObserver<T> observer(CompletableFuture<T> done) {
    return new StreamObserver<>() {
      @Override
      public void onNext(T value) {
        done.complete(value);
      }

      @Override
      public void onError(Throwable t) {
        done.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {
        done.complete(null);
      }
    };
  }

  @Override
  public void close() {
    channels.values().forEach(GrpcChannels::close);
    channels.clear();
  }
}

package io.tributary.worker.internal;

import io.grpc.stub.StreamObserver;
import io.tributary.proto.v1.CancelTasksRequest;
import io.tributary.proto.v1.CancelTasksResponse;
import io.tributary.proto.v1.DeployTaskResponse;
import io.tributary.proto.v1.TaskControlGrpc;
import io.tributary.proto.v1.NotifyCheckpointRequest;
import io.tributary.proto.v1.NotifyCheckpointResponse;
import io.tributary.proto.v1.TaskDeployment;
import io.tributary.proto.v1.TriggerCheckpointRequest;
import io.tributary.proto.v1.TriggerCheckpointResponse;

/** The TaskControl gRPC service: translates calls for {@link WorkerJobs}. Thread-safe. */
final class TaskControlService extends TaskControlGrpc.TaskControlImplBase {
  private final WorkerJobs jobs;

  TaskControlService(WorkerJobs jobs) {
    this.jobs = jobs;
  }

  @Override
  public void deployTask(TaskDeployment request, StreamObserver<DeployTaskResponse> response) {
    jobs.deploy(request);
    response.onNext(DeployTaskResponse.getDefaultInstance());
    response.onCompleted();
  }

  @Override
  public void triggerCheckpoint(TriggerCheckpointRequest request, StreamObserver<TriggerCheckpointResponse> response) {
    jobs.triggerCheckpoint(request);
    response.onNext(TriggerCheckpointResponse.getDefaultInstance());
    response.onCompleted();
  }

  @Override
  public void notifyCheckpoint(NotifyCheckpointRequest request, StreamObserver<NotifyCheckpointResponse> response) {
    jobs.notifyCheckpoint(request);
    response.onNext(NotifyCheckpointResponse.getDefaultInstance());
    response.onCompleted();
  }

  @Override
  public void cancelTasks(CancelTasksRequest request, StreamObserver<CancelTasksResponse> response) {
    int canceled = jobs.cancelJob(request.getJobId(), request.getEpoch());
    response.onNext(CancelTasksResponse.newBuilder().setCanceled(canceled).build());
    response.onCompleted();
  }
}

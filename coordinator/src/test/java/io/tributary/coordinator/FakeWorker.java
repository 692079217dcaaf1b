package io.tributary.coordinator;

import io.grpc.Server;
import io.grpc.stub.StreamObserver;
import io.tributary.common.grpc.GrpcServers;
import io.tributary.common.stream.MetadataJson;
import io.tributary.common.zk.Registrations;
import io.tributary.common.zk.ZkPaths;
import io.tributary.proto.v1.CancelTasksRequest;
import io.tributary.proto.v1.CancelTasksResponse;
import io.tributary.proto.v1.DeployTaskResponse;
import io.tributary.proto.v1.JobControlGrpc;
import io.tributary.proto.v1.TaskControlGrpc;
import io.tributary.proto.v1.TaskDeployment;
import io.tributary.proto.v1.TaskReport;
import io.tributary.proto.v1.TaskReportAck;
import io.tributary.proto.v1.TaskState;
import io.tributary.proto.v1.TaskStatus;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;

/**
 * A stand-in worker for JobManager tests: a real gRPC server that records deployments and cancels,
 * registered in ZooKeeper like a worker, and reporting subtask states like one. Thread-safe.
 */
final class FakeWorker implements AutoCloseable {
  final String id;
  final String address;
  final List<TaskDeployment> deployments = new CopyOnWriteArrayList<>();
  final List<CancelTasksRequest> cancels = new CopyOnWriteArrayList<>();
  private final Server server;
  private final CuratorFramework zk;
  private final String path;

  FakeWorker(String id, int slots, CuratorFramework zk, ZkPaths paths) throws Exception {
    this.id = id;
    this.zk = zk;
    this.path = paths.worker(id);
    this.server = GrpcServers.start("127.0.0.1", 0, List.of(new TaskControlGrpc.TaskControlImplBase() {
      @Override
      public void deployTask(TaskDeployment request, StreamObserver<DeployTaskResponse> response) {
        deployments.add(request);
        response.onNext(DeployTaskResponse.getDefaultInstance());
        response.onCompleted();
      }

      @Override
      public void cancelTasks(CancelTasksRequest request, StreamObserver<CancelTasksResponse> response) {
        cancels.add(request);
        response.onNext(CancelTasksResponse.newBuilder().setCanceled(1).build());
        response.onCompleted();
      }
    }));
    this.address = "127.0.0.1:" + server.getPort();
    zk.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL)
        .forPath(path, MetadataJson.write(new Registrations.Worker(id, address, slots)));
  }

  /** What a worker's ZooKeeper session ending does. */
  void unregister() throws Exception {
    zk.delete().forPath(path);
  }

  /** Reports every subtask deployed here in {@code state}. */
  TaskReportAck reportAll(JobControlGrpc.JobControlBlockingStub coordinator, TaskState state) {
    TaskReport.Builder report = TaskReport.newBuilder().setWorkerId(id);
    for (TaskDeployment d : deployments) {
      report.addTasks(TaskStatus.newBuilder().setTask(d.getTask()).setState(state).setRecordsIn(10).setRecordsOut(20));
    }
    return coordinator.reportTasks(report.build());
  }

  TaskReportAck report(JobControlGrpc.JobControlBlockingStub coordinator, TaskDeployment task, TaskState state,
      String failure) {
    return coordinator.reportTasks(TaskReport.newBuilder().setWorkerId(id)
        .addTasks(TaskStatus.newBuilder().setTask(task.getTask()).setState(state).setFailure(failure)).build());
  }

  @Override
  public void close() {
    GrpcServers.stop(server);
  }
}

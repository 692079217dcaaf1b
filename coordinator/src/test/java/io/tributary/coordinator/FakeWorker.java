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
import io.grpc.ManagedChannel;
import io.tributary.common.grpc.GrpcChannels;
import io.tributary.proto.v1.CheckpointAck;
import io.tributary.proto.v1.NotifyCheckpointRequest;
import io.tributary.proto.v1.NotifyCheckpointResponse;
import io.tributary.proto.v1.TaskId;
import io.tributary.proto.v1.TriggerCheckpointRequest;
import io.tributary.proto.v1.TriggerCheckpointResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
  final List<TriggerCheckpointRequest> triggers = new CopyOnWriteArrayList<>();
  final List<NotifyCheckpointRequest> notifies = new CopyOnWriteArrayList<>();
  /** When set, a trigger makes every subtask of that attempt here write a state file and acknowledge. */
  volatile boolean acknowledgeCheckpoints = true;
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  private final Map<String, ManagedChannel> coordinators = new ConcurrentHashMap<>();
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
      public void triggerCheckpoint(TriggerCheckpointRequest request,
          StreamObserver<TriggerCheckpointResponse> response) {
        triggers.add(request);
        response.onNext(TriggerCheckpointResponse.getDefaultInstance());
        response.onCompleted();
        if (acknowledgeCheckpoints) {
          acknowledge(request);
        }
      }

      @Override
      public void notifyCheckpoint(NotifyCheckpointRequest request, StreamObserver<NotifyCheckpointResponse> response) {
        notifies.add(request);
        response.onNext(NotifyCheckpointResponse.getDefaultInstance());
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

  /** Every subtask of the triggered attempt deployed here writes "state" and acknowledges, once per checkpoint. */
  private void acknowledge(TriggerCheckpointRequest trigger) {
    TaskId source = trigger.getTask();
    for (TaskDeployment d : deployments) {
      TaskId task = d.getTask();
      if (!task.getJobId().equals(source.getJobId()) || task.getAttempt() != source.getAttempt()
          || !acknowledged.add(trigger.getCheckpointId() + "/" + task.getVertexId() + "/" + task.getSubtask())) {
        continue;
      }
      Path file = Path.of(trigger.getDir()).resolve(task.getVertexId() + "-" + task.getSubtask() + ".state");
      try {
        Files.write(file, ("state of " + task.getVertexId() + "/" + task.getSubtask()).getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      JobControlGrpc.newBlockingStub(coordinators.computeIfAbsent(d.getCoordinatorAddress(), GrpcChannels::forAddress))
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .acknowledgeCheckpoint(CheckpointAck.newBuilder().setTask(task).setCheckpointId(trigger.getCheckpointId())
              .setStatePath(file.toString()).setStateBytes(10).setAlignmentMs(1).build());
    }
  }

  /** The deployments of one attempt. */
  List<TaskDeployment> attempt(int attempt) {
    return deployments.stream().filter(d -> d.getTask().getAttempt() == attempt).toList();
  }

  /** Reports every subtask of an attempt deployed here in {@code state}. */
  TaskReportAck reportAttempt(JobControlGrpc.JobControlBlockingStub coordinator, int attempt, TaskState state) {
    TaskReport.Builder report = TaskReport.newBuilder().setWorkerId(id);
    for (TaskDeployment d : attempt(attempt)) {
      report.addTasks(TaskStatus.newBuilder().setTask(d.getTask()).setState(state));
    }
    return coordinator.reportTasks(report.build());
  }

  /** What a worker's ZooKeeper session ending does. */
  void unregister() throws Exception {
    zk.delete().forPath(path);
  }

  /** Reports every subtask deployed here in {@code state}. */
  TaskReportAck reportAll(JobControlGrpc.JobControlBlockingStub coordinator, TaskState state) {
    TaskReport.Builder report = TaskReport.newBuilder().setWorkerId(id);
    for (TaskDeployment d : deployments) {
      report.addTasks(TaskStatus.newBuilder().setTask(d.getTask()).setState(state).setRecordsIn(10).setRecordsOut(20)
          .putMetrics("test.records_counted", 7));
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
    coordinators.values().forEach(GrpcChannels::close);
    GrpcServers.stop(server);
  }
}

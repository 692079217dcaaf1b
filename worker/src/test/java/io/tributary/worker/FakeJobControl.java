package io.tributary.worker;

import io.grpc.Server;
import io.grpc.stub.StreamObserver;
import io.tributary.common.grpc.GrpcServers;
import io.tributary.proto.v1.ArtifactChunk;
import io.tributary.proto.v1.CheckpointAck;
import io.tributary.proto.v1.CheckpointAckResponse;
import io.tributary.proto.v1.CheckpointDecline;
import io.tributary.proto.v1.FetchJobArtifactRequest;
import io.tributary.proto.v1.JobControlGrpc;
import io.tributary.proto.v1.TaskReport;
import io.tributary.proto.v1.TaskReportAck;
import io.tributary.proto.v1.TaskState;
import io.tributary.proto.v1.TaskStatus;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A JobManager stand-in: serves an empty artifact (workers use their own classes) and records
 * reports and checkpoint acknowledgements and declines. Thread-safe.
 */
final class FakeJobControl extends JobControlGrpc.JobControlImplBase implements AutoCloseable {
  final List<TaskStatus> reports = new CopyOnWriteArrayList<>();
  final List<CheckpointAck> acks = new CopyOnWriteArrayList<>();
  final List<CheckpointDecline> declines = new CopyOnWriteArrayList<>();
  private final Server server = GrpcServers.start("127.0.0.1", 0, List.of(this));

  String address() {
    return "127.0.0.1:" + server.getPort();
  }

  @Override
  public void fetchJobArtifact(FetchJobArtifactRequest request, StreamObserver<ArtifactChunk> response) {
    response.onCompleted();
  }

  @Override
  public void reportTasks(TaskReport request, StreamObserver<TaskReportAck> response) {
    reports.addAll(request.getTasksList());
    response.onNext(TaskReportAck.getDefaultInstance());
    response.onCompleted();
  }

  @Override
  public void acknowledgeCheckpoint(CheckpointAck request, StreamObserver<CheckpointAckResponse> response) {
    acks.add(request);
    response.onNext(CheckpointAckResponse.getDefaultInstance());
    response.onCompleted();
  }

  @Override
  public void declineCheckpoint(CheckpointDecline request, StreamObserver<CheckpointAckResponse> response) {
    declines.add(request);
    response.onNext(CheckpointAckResponse.getDefaultInstance());
    response.onCompleted();
  }

  /** The acknowledgements of checkpoint {@code id} of the job. */
  List<CheckpointAck> acks(String jobId, long id) {
    return acks.stream().filter(a -> a.getTask().getJobId().equals(jobId) && a.getCheckpointId() == id).toList();
  }

  /** The last state a subtask reported. */
  Optional<TaskState> state(String jobId, int vertex, int subtask) {
    return last(jobId, vertex, subtask).map(TaskStatus::getState);
  }

  Optional<TaskStatus> last(String jobId, int vertex, int subtask) {
    TaskStatus last = null;
    for (TaskStatus s : reports) {
      if (s.getTask().getJobId().equals(jobId) && s.getTask().getVertexId() == vertex
          && s.getTask().getSubtask() == subtask) {
        last = s;
      }
    }
    return Optional.ofNullable(last);
  }

  @Override
  public void close() {
    GrpcServers.stop(server);
  }
}

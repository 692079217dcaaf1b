package io.tributary.coordinator.jobs;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.tributary.common.error.TributaryException;
import io.tributary.proto.v1.ArtifactChunk;
import io.tributary.proto.v1.CancelJobRequest;
import io.tributary.proto.v1.DescribeJobRequest;
import io.tributary.proto.v1.FetchJobArtifactRequest;
import io.tributary.proto.v1.JobControlGrpc;
import io.tributary.proto.v1.JobDescription;
import io.tributary.proto.v1.ListJobsRequest;
import io.tributary.proto.v1.ListJobsResponse;
import io.tributary.proto.v1.SubmitJobRequest;
import io.tributary.proto.v1.TaskReport;
import io.tributary.proto.v1.TaskReportAck;

/**
 * The JobControl gRPC service: translates requests to the {@link JobSubmitter} and
 * {@link JobManager}, and their results back. Thread-safe.
 *
 * <p>Changes are refused with NotLeader on a standby before any work (a jar's main never runs there).
 */
public final class JobControlService extends JobControlGrpc.JobControlImplBase {
  /** Jars up to 256 MiB, plus the request's other fields and framing. */
  public static final int MAX_REQUEST_BYTES = 256 * 1024 * 1024 + 1024 * 1024;

  private final Leadership leadership;
  private final JobSubmitter submitter;
  private final JobManager manager;
  private final JobArtifacts artifacts;

  public JobControlService(Leadership leadership, JobSubmitter submitter, JobManager manager,
      JobArtifacts artifacts) {
    this.leadership = leadership;
    this.submitter = submitter;
    this.manager = manager;
    this.artifacts = artifacts;
  }

  @Override
  public void submitJob(SubmitJobRequest request, StreamObserver<JobDescription> response) {
    leadership.requireLeader();
    SubmittedJob job;
    try {
      job = submitter.submit(request.getJar().toByteArray(), request.getMainClass(), request.getArgsList(),
          request.getParallelism(), request.getMaxParallelism());
    } catch (TributaryException e) {
      manager.refused(e);
      throw e;
    }
    reply(response, JobDescriptions.of(manager.submit(job)));
  }

  @Override
  public void listJobs(ListJobsRequest request, StreamObserver<ListJobsResponse> response) {
    ListJobsResponse.Builder out = ListJobsResponse.newBuilder();
    manager.list().forEach(job -> out.addJobs(JobDescriptions.of(job)));
    reply(response, out.build());
  }

  @Override
  public void describeJob(DescribeJobRequest request, StreamObserver<JobDescription> response) {
    reply(response, JobDescriptions.of(manager.describe(request.getJobId())));
  }

  @Override
  public void cancelJob(CancelJobRequest request, StreamObserver<JobDescription> response) {
    reply(response, JobDescriptions.of(manager.cancel(JobIds.require(request.getJobId()))));
  }

  @Override
  public void fetchJobArtifact(FetchJobArtifactRequest request, StreamObserver<ArtifactChunk> response) {
    String jobId = JobIds.require(request.getJobId());
    new ArtifactUpload(jobId, artifacts.openJar(jobId), (ServerCallStreamObserver<ArtifactChunk>) response).start();
  }

  @Override
  public void reportTasks(TaskReport request, StreamObserver<TaskReportAck> response) {
    reply(response, TaskReportAck.newBuilder().addAllUnknown(manager.report(request)).build());
  }

  private static <T> void reply(StreamObserver<T> response, T message) {
    response.onNext(message);
    response.onCompleted();
  }
}

package io.tributary.coordinator.jobs;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import io.tributary.proto.v1.CheckpointAck;
import io.tributary.proto.v1.CheckpointAckResponse;
import io.tributary.proto.v1.CheckpointDecline;
import io.tributary.proto.v1.RescaleJobRequest;
import io.tributary.proto.v1.SavepointRequest;
import io.tributary.proto.v1.SavepointResult;
import io.tributary.proto.v1.StopJobRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
  /** How long a rescale waits for the stopped job's subtasks to free their slots. */
  static final Duration RESCALE_STOP_WAIT = Duration.ofSeconds(60);

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
    reply(response, JobDescriptions.of(submit(request.getJar().toByteArray(), request.getMainClass(),
        request.getArgsList(), request.getParallelism(), request.getMaxParallelism(), request.getFromSavepoint())));
  }

  private JobRecord submit(byte[] jar, String mainClass, List<String> args, int parallelism, int maxParallelism,
      String fromSavepoint) {
    SubmittedJob job;
    String from = "";
    try {
      job = submitter.submit(jar, mainClass, args, parallelism, maxParallelism);
      if (!fromSavepoint.isBlank()) {
        try {
          from = SavepointCheck.validate(job, fromSavepoint).toString();
        } catch (TributaryException e) {
          artifacts.delete(job.id());
          throw e;
        }
      }
    } catch (TributaryException e) {
      manager.refused(e);
      throw e;
    }
    return manager.submit(job, from);
  }

  @Override
  public void acknowledgeCheckpoint(CheckpointAck request, StreamObserver<CheckpointAckResponse> response) {
    manager.acknowledge(request);
    reply(response, CheckpointAckResponse.getDefaultInstance());
  }

  @Override
  public void declineCheckpoint(CheckpointDecline request, StreamObserver<CheckpointAckResponse> response) {
    manager.decline(request);
    reply(response, CheckpointAckResponse.getDefaultInstance());
  }

  @Override
  public void triggerSavepoint(SavepointRequest request, StreamObserver<SavepointResult> response) {
    CompletedCheckpoint done = await(manager.savepoint(JobIds.require(request.getJobId()), request.getDir(), false));
    reply(response, result(done));
  }

  @Override
  public void stopJob(StopJobRequest request, StreamObserver<SavepointResult> response) {
    reply(response, result(stop(JobIds.require(request.getJobId()), request.getSavepointDir(), request.getDrain())));
  }

  /** A savepoint, then (unless drained: then the job finishes by itself) a cancel. */
  private CompletedCheckpoint stop(String jobId, String dir, boolean drain) {
    CompletedCheckpoint done = await(manager.savepoint(jobId, dir, drain));
    if (!drain) {
      manager.cancel(jobId);
    }
    return done;
  }

  /**
   * Stops the job with a savepoint, waits until its subtasks stopped, and submits its stored jar
   * and arguments again at the new parallelism from that savepoint: a new job with a new id.
   */
  @Override
  public void rescaleJob(RescaleJobRequest request, StreamObserver<JobDescription> response) {
    String jobId = JobIds.require(request.getJobId());
    JobRecord old = manager.describe(jobId);
    if (request.getParallelism() < 1 || request.getParallelism() > old.maxParallelism()) {
      throw Errors.invalid("cannot rescale job '" + jobId + "' to parallelism " + request.getParallelism()
          + ": give 1 to its max parallelism (" + old.maxParallelism() + ")");
    }
    byte[] jar = manager.jar(jobId);
    CompletedCheckpoint savepoint = stop(jobId, "", false);
    await(manager.whenEnded(jobId).orTimeout(RESCALE_STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS));
    reply(response, JobDescriptions.of(submit(jar, old.mainClass(), old.args(), request.getParallelism(),
        old.maxParallelism(), savepoint.dir().toString())));
  }

  private static SavepointResult result(CompletedCheckpoint done) {
    return SavepointResult.newBuilder().setPath(done.dir().toString()).setCheckpointId(done.id()).build();
  }

  /** Waits for a future the JobManager bounds (checkpoint timeout, stop wait); its failure is rethrown as is. */
  private static <T> T await(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof TributaryException te) {
        throw te;
      }
      if (e.getCause() instanceof TimeoutException) {
        throw Errors.unavailable("the job did not complete the savepoint or stop in time; check it with"
            + " 'trib job describe' and retry");
      }
      throw new TributaryException(ErrorCode.INTERNAL, "unexpected failure: " + e.getCause(), e.getCause());
    }
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

package io.tributary.cli.job;

import io.tributary.cli.CoordinatorCalls;
import io.tributary.client.ClientOptions;
import io.tributary.client.TributaryClient;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.proto.v1.CancelJobRequest;
import io.tributary.proto.v1.DescribeJobRequest;
import io.tributary.proto.v1.JobControlGrpc;
import io.tributary.proto.v1.JobControlGrpc.JobControlBlockingStub;
import io.tributary.proto.v1.JobDescription;
import io.tributary.proto.v1.ListJobsRequest;
import io.tributary.proto.v1.RescaleJobRequest;
import io.tributary.proto.v1.SavepointRequest;
import io.tributary.proto.v1.SavepointResult;
import io.tributary.proto.v1.StopJobRequest;
import io.tributary.proto.v1.SubmitJobRequest;
import java.time.Duration;
import java.util.List;

/**
 * Calls the coordinators' JobControl service ({@link CoordinatorCalls}: reads from any coordinator,
 * changes to the leader). Confined to the command's thread.
 * <p>A change is never re-sent after it may have reached a coordinator: a second SubmitJob would
 * run the job twice.
 */
public final class JobClient implements AutoCloseable {
  private final CoordinatorCalls<JobControlBlockingStub> calls;

  /** {@code cluster} (not closed here) tells which coordinator leads. */
  public JobClient(TributaryClient cluster, ClientOptions options) {
    this.calls = new CoordinatorCalls<>(cluster, options, JobControlGrpc::newBlockingStub);
  }

  /** Submits a job; {@code timeout} covers running its main and deploying its subtasks. */
  public JobDescription submit(SubmitJobRequest request, Duration timeout) {
    String leader = calls.leader("submit a job");
    try {
      return calls.change(leader, timeout, s -> s.submitJob(request));
    } catch (TributaryException e) {
      if (e.code() != ErrorCode.UNAVAILABLE && e.code() != ErrorCode.INTERNAL) {
        throw e;
      }
      throw new TributaryException(e.code(), e.getMessage()
          + "; the job may have been submitted anyway: look for it with 'trib job list' before submitting again", e);
    }
  }

  public JobDescription cancel(String jobId) {
    CancelJobRequest request = CancelJobRequest.newBuilder().setJobId(jobId).build();
    return calls.change(calls.leader("cancel job " + jobId), calls.requestTimeout(), s -> s.cancelJob(request));
  }

  /** Takes a savepoint into {@code dir} (empty: the coordinator's default); {@code timeout} covers writing it. */
  public SavepointResult savepoint(String jobId, String dir, Duration timeout) {
    SavepointRequest request = SavepointRequest.newBuilder().setJobId(jobId).setDir(dir).build();
    String leader = calls.leader("take a savepoint of job " + jobId);
    return calls.change(leader, timeout, s -> s.triggerSavepoint(request));
  }

  /** Takes a savepoint (draining first when asked) and cancels the job. */
  public SavepointResult stop(String jobId, String dir, boolean drain, Duration timeout) {
    StopJobRequest request = StopJobRequest.newBuilder().setJobId(jobId).setSavepointDir(dir).setDrain(drain).build();
    return calls.change(calls.leader("stop job " + jobId), timeout, s -> s.stopJob(request));
  }

  /** Stops the job with a savepoint and starts it again from it at {@code parallelism}. */
  public JobDescription rescale(String jobId, int parallelism, Duration timeout) {
    RescaleJobRequest request = RescaleJobRequest.newBuilder().setJobId(jobId).setParallelism(parallelism).build();
    return calls.change(calls.leader("rescale job " + jobId), timeout, s -> s.rescaleJob(request));
  }

  public List<JobDescription> list() {
    return calls.read("list jobs", s -> s.listJobs(ListJobsRequest.getDefaultInstance())).getJobsList();
  }

  public JobDescription describe(String jobId) {
    DescribeJobRequest request = DescribeJobRequest.newBuilder().setJobId(jobId).build();
    return calls.read("describe job " + jobId, s -> s.describeJob(request));
  }

  @Override
  public void close() {
    calls.close();
  }
}

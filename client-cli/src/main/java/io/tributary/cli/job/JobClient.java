package io.tributary.cli.job;

import io.grpc.ManagedChannel;
import io.tributary.client.ClientOptions;
import io.tributary.client.TributaryClient;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import io.tributary.common.grpc.GrpcChannels;
import io.tributary.common.grpc.GrpcErrors;
import io.tributary.proto.v1.CancelJobRequest;
import io.tributary.proto.v1.ClusterStatus;
import io.tributary.proto.v1.CoordinatorInfo;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Calls the coordinators' JobControl service. Reads go to any coordinator (standbys answer them)
 * and move on to the next address while one is unreachable; changes go to the leader that the
 * cluster status names and follow NotLeader redirects. Confined to the command's thread.
 * <p>A change is never re-sent after it may have reached a coordinator: a second SubmitJob would
 * run the job twice.
 */
public final class JobClient implements AutoCloseable {
  private static final int MAX_REDIRECTS = 5;
  private static final long BACKOFF_MILLIS = 200;

  private final TributaryClient cluster;
  private final List<String> addresses;
  private final Duration requestTimeout;
  private final Duration retryTimeout;
  private final Map<String, ManagedChannel> channels = new HashMap<>();
  private String current;

  /** {@code cluster} (not closed here) tells which coordinator leads. */
  public JobClient(TributaryClient cluster, ClientOptions options) {
    this.cluster = cluster;
    this.addresses = new ArrayList<>(options.coordinators());
    this.requestTimeout = options.requestTimeout();
    this.retryTimeout = options.retryTimeout();
    this.current = addresses.get(0);
  }

  /** Submits a job; {@code timeout} covers running its main and deploying its subtasks. */
  public JobDescription submit(SubmitJobRequest request, Duration timeout) {
    String leader = leader("submit a job");
    try {
      return change(leader, timeout, s -> s.submitJob(request));
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
    return change(leader("cancel job " + jobId), requestTimeout, s -> s.cancelJob(request));
  }

  /** Takes a savepoint into {@code dir} (empty: the coordinator's default); {@code timeout} covers writing it. */
  public SavepointResult savepoint(String jobId, String dir, Duration timeout) {
    SavepointRequest request = SavepointRequest.newBuilder().setJobId(jobId).setDir(dir).build();
    return change(leader("take a savepoint of job " + jobId), timeout, s -> s.triggerSavepoint(request));
  }

  /** Takes a savepoint (draining first when asked) and cancels the job. */
  public SavepointResult stop(String jobId, String dir, boolean drain, Duration timeout) {
    StopJobRequest request = StopJobRequest.newBuilder().setJobId(jobId).setSavepointDir(dir).setDrain(drain).build();
    return change(leader("stop job " + jobId), timeout, s -> s.stopJob(request));
  }

  /** Stops the job with a savepoint and starts it again from it at {@code parallelism}. */
  public JobDescription rescale(String jobId, int parallelism, Duration timeout) {
    RescaleJobRequest request = RescaleJobRequest.newBuilder().setJobId(jobId).setParallelism(parallelism).build();
    return change(leader("rescale job " + jobId), timeout, s -> s.rescaleJob(request));
  }

  public List<JobDescription> list() {
    return read("list jobs", s -> s.listJobs(ListJobsRequest.getDefaultInstance())).getJobsList();
  }

  public JobDescription describe(String jobId) {
    DescribeJobRequest request = DescribeJobRequest.newBuilder().setJobId(jobId).build();
    return read("describe job " + jobId, s -> s.describeJob(request));
  }

  private <T> T read(String what, Function<JobControlBlockingStub, T> rpc) {
    long deadline = System.nanoTime() + retryTimeout.toNanos();
    String target = current;
    int redirects = 0;
    while (true) {
      TributaryException failure;
      try {
        T answer = rpc.apply(stub(target, requestTimeout));
        current = target;
        return answer;
      } catch (RuntimeException e) {
        failure = GrpcErrors.fromGrpc(e);
      }
      if (redirect(failure, target) && redirects++ < MAX_REDIRECTS) {
        target = failure.leaderAddress().orElseThrow();
        continue;
      }
      if (failure.code() != ErrorCode.UNAVAILABLE && failure.code() != ErrorCode.NOT_LEADER) {
        throw failure;
      }
      if (System.nanoTime() - deadline > 0) {
        throw noCoordinator(what, failure);
      }
      target = addresses.get((addresses.indexOf(target) + 1) % addresses.size());
      backOff();
    }
  }

  private <T> T change(String leader, Duration timeout, Function<JobControlBlockingStub, T> rpc) {
    String target = leader;
    for (int redirects = 0; ; redirects++) {
      try {
        return rpc.apply(stub(target, timeout));
      } catch (RuntimeException e) {
        TributaryException failure = GrpcErrors.fromGrpc(e);
        if (!redirect(failure, target) || redirects >= MAX_REDIRECTS) {
          throw failure;
        }
        target = failure.leaderAddress().orElseThrow();
      }
    }
  }

  private static boolean redirect(TributaryException failure, String target) {
    return failure.code() == ErrorCode.NOT_LEADER
        && failure.leaderAddress().isPresent()
        && !failure.leaderAddress().get().equals(target);
  }

  /** The leading coordinator's address, waiting (bounded) while an election runs. */
  private String leader(String what) {
    long deadline = System.nanoTime() + retryTimeout.toNanos();
    while (true) {
      ClusterStatus status = cluster.clusterStatus();
      for (CoordinatorInfo c : status.getCoordinatorsList()) {
        if (c.getLeader()) {
          return c.getAddress();
        }
      }
      if (System.nanoTime() - deadline > 0) {
        throw Errors.unavailable("no coordinator leads, so nobody can " + what + " (waited "
            + retryTimeout.toSeconds() + "s); check the coordinators with 'trib cluster status'");
      }
      backOff();
    }
  }

  private JobControlBlockingStub stub(String address, Duration timeout) {
    ManagedChannel channel = channels.computeIfAbsent(address, GrpcChannels::forAddress);
    return JobControlGrpc.newBlockingStub(channel).withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private TributaryException noCoordinator(String what, TributaryException last) {
    return new TributaryException(ErrorCode.UNAVAILABLE, "no coordinator answered to " + what + " within "
        + retryTimeout.toSeconds() + "s (tried " + String.join(", ", addresses) + "; last error " + last.describe()
        + "); check that a coordinator is running with 'trib cluster status'", last);
  }

  private static void backOff() {
    try {
      Thread.sleep(BACKOFF_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Errors.unavailable("interrupted while waiting for a coordinator");
    }
  }

  @Override
  public void close() {
    channels.values().forEach(GrpcChannels::close);
    channels.clear();
  }
}

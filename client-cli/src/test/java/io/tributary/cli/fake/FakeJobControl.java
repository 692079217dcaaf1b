package io.tributary.cli.fake;

import io.grpc.Server;
import io.grpc.stub.StreamObserver;
import io.tributary.common.error.TributaryException;
import io.tributary.common.grpc.GrpcServers;
import io.tributary.proto.v1.CancelJobRequest;
import io.tributary.proto.v1.ClusterAdminGrpc;
import io.tributary.proto.v1.ClusterStatus;
import io.tributary.proto.v1.CoordinatorInfo;
import io.tributary.proto.v1.DescribeJobRequest;
import io.tributary.proto.v1.GetClusterStatusRequest;
import io.tributary.proto.v1.JobControlGrpc;
import io.tributary.proto.v1.JobDescription;
import io.tributary.proto.v1.ListJobsRequest;
import io.tributary.proto.v1.ListJobsResponse;
import io.tributary.proto.v1.RescaleJobRequest;
import io.tributary.proto.v1.SavepointRequest;
import io.tributary.proto.v1.SavepointResult;
import io.tributary.proto.v1.StopJobRequest;
import io.tributary.proto.v1.SubmitJobRequest;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A coordinator on loopback gRPC that serves JobControl with scripted answers: describes return
 * the queued descriptions in turn (the last one for ever); submit and cancel are recorded and
 * answered with {@link #accepted} (savepoint and stop with {@link #savepoint}), or fail with {@link #failure}. Its cluster status names it the
 * leader. Thread-safe.
 */
public final class FakeJobControl implements AutoCloseable {
  private final Server server;
  private final Queue<JobDescription> describes = new ConcurrentLinkedQueue<>();
  private volatile JobDescription last = JobDescription.getDefaultInstance();
  /** Every request received but cluster status (protobuf messages), in order. */
  public final List<Object> requests = new CopyOnWriteArrayList<>();
  /** What ListJobs answers. */
  public final List<JobDescription> jobs = new CopyOnWriteArrayList<>();
  /** The answer to SubmitJob and CancelJob. */
  public volatile JobDescription accepted = JobDescription.getDefaultInstance();
  /** The answer to TriggerSavepoint and StopJob. */
  public volatile SavepointResult savepoint = SavepointResult.getDefaultInstance();
  /** When set, submit, cancel, savepoint, stop and rescale fail with it. */
  public volatile TributaryException failure;

  public FakeJobControl() {
    server = GrpcServers.start("127.0.0.1", 0, List.of(new Jobs(), new Cluster()));
  }

  public String address() {
    return "127.0.0.1:" + server.getPort();
  }

  /** Describes answer these in turn, then the last of them for ever. */
  public void describeAnswers(JobDescription... answers) {
    describes.addAll(List.of(answers));
    last = answers[answers.length - 1];
  }

  @Override
  public void close() {
    GrpcServers.stop(server);
  }

  private <T> void change(Object request, StreamObserver<T> observer, T answer) {
    requests.add(request);
    TributaryException f = failure;
    if (f != null) {
      throw f; // the error interceptor turns it into a status with trailers, as in a real coordinator
    }
    observer.onNext(answer);
    observer.onCompleted();
  }

  private final class Jobs extends JobControlGrpc.JobControlImplBase {
    @Override
    public void submitJob(SubmitJobRequest request, StreamObserver<JobDescription> observer) {
      change(request, observer, accepted);
    }

    @Override
    public void cancelJob(CancelJobRequest request, StreamObserver<JobDescription> observer) {
      change(request, observer, accepted);
    }

    @Override
    public void triggerSavepoint(SavepointRequest request, StreamObserver<SavepointResult> observer) {
      change(request, observer, savepoint);
    }

    @Override
    public void stopJob(StopJobRequest request, StreamObserver<SavepointResult> observer) {
      change(request, observer, savepoint);
    }

    @Override
    public void rescaleJob(RescaleJobRequest request, StreamObserver<JobDescription> observer) {
      change(request, observer, accepted);
    }

    @Override
    public void listJobs(ListJobsRequest request, StreamObserver<ListJobsResponse> observer) {
      requests.add(request);
      observer.onNext(ListJobsResponse.newBuilder().addAllJobs(jobs).build());
      observer.onCompleted();
    }

    @Override
    public void describeJob(DescribeJobRequest request, StreamObserver<JobDescription> observer) {
      requests.add(request);
      JobDescription next = describes.poll();
      observer.onNext(next != null ? next : last);
      observer.onCompleted();
    }
  }

  private final class Cluster extends ClusterAdminGrpc.ClusterAdminImplBase {
    @Override
    public void getClusterStatus(GetClusterStatusRequest request, StreamObserver<ClusterStatus> observer) {
      observer.onNext(ClusterStatus.newBuilder().setCluster("tributary")
          .addCoordinators(CoordinatorInfo.newBuilder().setId("fake").setAddress(address()).setLeader(true))
          .build());
      observer.onCompleted();
    }
  }
}

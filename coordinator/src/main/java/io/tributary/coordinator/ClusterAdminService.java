package io.tributary.coordinator;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.tributary.proto.v1.ClusterAdminGrpc;
import io.tributary.proto.v1.ClusterStatus;
import io.tributary.proto.v1.DrainBrokerRequest;
import io.tributary.proto.v1.GetClusterStatusRequest;
import io.tributary.proto.v1.RebalanceRequest;
import java.util.function.Consumer;

/**
 * The ClusterAdmin gRPC service: translates {@link ClusterStatusReader}'s answer and streams the
 * progress of {@link ClusterReassignments}. Thread-safe.
 */
final class ClusterAdminService extends ClusterAdminGrpc.ClusterAdminImplBase {
  private final ClusterStatusReader status;
  private final ClusterReassignments reassignments;

  ClusterAdminService(ClusterStatusReader status, ClusterReassignments reassignments) {
    this.status = status;
    this.reassignments = reassignments;
  }

  @Override
  public void getClusterStatus(GetClusterStatusRequest request, StreamObserver<ClusterStatus> response) {
    response.onNext(ProtoConversions.clusterStatus(status.read()));
    response.onCompleted();
  }

  @Override
  public void drainBroker(DrainBrokerRequest request,
      StreamObserver<io.tributary.proto.v1.ReassignmentProgress> response) {
    reassignments.drain(request.getBrokerId(), sink(response));
  }

  @Override
  public void rebalance(RebalanceRequest request, StreamObserver<io.tributary.proto.v1.ReassignmentProgress> response) {
    reassignments.rebalance(request.getDryRun(), sink(response));
  }

  /** Progress to the caller while it listens; the work goes on if the caller hangs up. */
  private static Consumer<ReassignmentProgress> sink(StreamObserver<io.tributary.proto.v1.ReassignmentProgress> out) {
    ServerCallStreamObserver<io.tributary.proto.v1.ReassignmentProgress> call =
        (ServerCallStreamObserver<io.tributary.proto.v1.ReassignmentProgress>) out;
    call.setOnCancelHandler(() -> { });
    return progress -> {
      synchronized (call) {
        if (call.isCancelled()) {
          return;
        }
        call.onNext(ProtoConversions.progress(progress));
        if (progress.done()) {
          call.onCompleted();
        }
      }
    };
  }
}

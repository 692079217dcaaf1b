package io.tributary.coordinator;

import io.grpc.stub.StreamObserver;
import io.tributary.proto.v1.ClusterAdminGrpc;
import io.tributary.proto.v1.ClusterStatus;
import io.tributary.proto.v1.GetClusterStatusRequest;

/** The ClusterAdmin gRPC service: translates {@link ClusterStatusReader}'s answer. Thread-safe. */
final class ClusterAdminService extends ClusterAdminGrpc.ClusterAdminImplBase {
  private final ClusterStatusReader status;

  ClusterAdminService(ClusterStatusReader status) {
    this.status = status;
  }

  @Override
  public void getClusterStatus(GetClusterStatusRequest request, StreamObserver<ClusterStatus> response) {
    response.onNext(ProtoConversions.clusterStatus(status.read()));
    response.onCompleted();
  }
}

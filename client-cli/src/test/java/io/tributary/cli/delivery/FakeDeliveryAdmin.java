package io.tributary.cli.delivery;

import io.grpc.Server;
import io.grpc.stub.StreamObserver;
import io.tributary.common.grpc.GrpcServers;
import io.tributary.proto.v1.ClusterAdminGrpc;
import io.tributary.proto.v1.ClusterStatus;
import io.tributary.proto.v1.CoordinatorInfo;
import io.tributary.proto.v1.CreateDeliveryStreamRequest;
import io.tributary.proto.v1.CreateDeliveryStreamResponse;
import io.tributary.proto.v1.DeleteDeliveryStreamRequest;
import io.tributary.proto.v1.DeleteDeliveryStreamResponse;
import io.tributary.proto.v1.DeliveryAdminGrpc;
import io.tributary.proto.v1.DeliveryStreamDescription;
import io.tributary.proto.v1.DescribeDeliveryStreamRequest;
import io.tributary.proto.v1.GetClusterStatusRequest;
import io.tributary.proto.v1.ListDeliveryStreamsRequest;
import io.tributary.proto.v1.ListDeliveryStreamsResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A leading coordinator on loopback gRPC whose DeliveryAdmin answers are scripted: creates answer
 * {@link #created}, describes and lists answer {@link #described}; every request is recorded.
 * Thread-safe.
 */
final class FakeDeliveryAdmin implements AutoCloseable {
  final List<Object> requests = new CopyOnWriteArrayList<>();
  volatile CreateDeliveryStreamResponse created = CreateDeliveryStreamResponse.getDefaultInstance();
  volatile DeliveryStreamDescription described = DeliveryStreamDescription.getDefaultInstance();
  private final Server server;

  FakeDeliveryAdmin() {
    server = GrpcServers.start("127.0.0.1", 0, List.of(new Delivery(), new Cluster()));
  }

  String address() {
    return "127.0.0.1:" + server.getPort();
  }

  @Override
  public void close() {
    GrpcServers.stop(server);
  }

  private <T> void answer(Object request, StreamObserver<T> observer, T answer) {
    requests.add(request);
    observer.onNext(answer);
    observer.onCompleted();
  }

  private final class Delivery extends DeliveryAdminGrpc.DeliveryAdminImplBase {
    @Override
    public void createDeliveryStream(CreateDeliveryStreamRequest request,
        StreamObserver<CreateDeliveryStreamResponse> observer) {
      answer(request, observer, created);
    }

    @Override
    public void describeDeliveryStream(DescribeDeliveryStreamRequest request,
        StreamObserver<DeliveryStreamDescription> observer) {
      answer(request, observer, described);
    }

    @Override
    public void listDeliveryStreams(ListDeliveryStreamsRequest request,
        StreamObserver<ListDeliveryStreamsResponse> observer) {
      answer(request, observer, ListDeliveryStreamsResponse.newBuilder().addDeliveryStreams(described).build());
    }

    @Override
    public void deleteDeliveryStream(DeleteDeliveryStreamRequest request,
        StreamObserver<DeleteDeliveryStreamResponse> observer) {
      answer(request, observer, DeleteDeliveryStreamResponse.getDefaultInstance());
    }
  }

  private final class Cluster extends ClusterAdminGrpc.ClusterAdminImplBase {
    @Override
    public void getClusterStatus(GetClusterStatusRequest request, StreamObserver<ClusterStatus> observer) {
      observer.onNext(ClusterStatus.newBuilder()
          .addCoordinators(CoordinatorInfo.newBuilder().setAddress(address()).setLeader(true)).build());
      observer.onCompleted();
    }
  }
}

package io.tributary.cli.fake;

import io.grpc.Server;
import io.grpc.stub.StreamObserver;
import io.tributary.common.error.TributaryException;
import io.tributary.common.grpc.GrpcErrors;
import io.tributary.common.grpc.GrpcServers;
import io.tributary.proto.v1.ClusterAdminGrpc;
import io.tributary.proto.v1.ClusterStatus;
import io.tributary.proto.v1.CreateStreamRequest;
import io.tributary.proto.v1.DeregisterConsumerRequest;
import io.tributary.proto.v1.DeregisterConsumerResponse;
import io.tributary.proto.v1.DescribeStreamRequest;
import io.tributary.proto.v1.DrainBrokerRequest;
import io.tributary.proto.v1.GetClusterStatusRequest;
import io.tributary.proto.v1.ListConsumersRequest;
import io.tributary.proto.v1.ListConsumersResponse;
import io.tributary.proto.v1.MergeShardsRequest;
import io.tributary.proto.v1.ReassignmentProgress;
import io.tributary.proto.v1.RebalanceRequest;
import io.tributary.proto.v1.RegisterConsumerRequest;
import io.tributary.proto.v1.RegisteredConsumer;
import io.tributary.proto.v1.SplitShardRequest;
import io.tributary.proto.v1.StreamAdminGrpc;
import io.tributary.proto.v1.StreamDescription;
import io.tributary.proto.v1.StreamStatus;
import io.tributary.proto.v1.UpdateShardCountRequest;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A leading coordinator on loopback gRPC with scripted answers: describes return the queued
 * descriptions in turn (the last one for ever), changes are recorded and answered with
 * {@link #accepted} or fail with {@link #failure}. Thread-safe.
 */
public final class FakeCoordinator implements AutoCloseable {
  private final Server server;
  private final Queue<StreamDescription> describes = new ConcurrentLinkedQueue<>();
  private volatile StreamDescription last = StreamDescription.getDefaultInstance();
  /** Every change request received (protobuf messages), in order. */
  public final List<Object> requests = new CopyOnWriteArrayList<>();
  public final List<RegisteredConsumer> consumers = new CopyOnWriteArrayList<>();
  /** The answer to a resharding or create request. */
  public volatile StreamDescription accepted = StreamDescription.getDefaultInstance();
  /** When set, every change fails with it. */
  public volatile TributaryException failure;
  public volatile String zookeeper = "";
  public volatile String cluster = "tributary";
  /** The reports a drain or rebalance streams, in order. */
  public volatile List<ReassignmentProgress> reassignment = List.of();
  /** When set, a drain or rebalance stream breaks with it after its reports. */
  public volatile TributaryException reassignmentBreak;

  public FakeCoordinator() {
    server = GrpcServers.start("127.0.0.1", 0, List.of(new Admin(), new Cluster()));
  }

  public String address() {
    return "127.0.0.1:" + server.getPort();
  }

  /** Describes answer these in turn, then the last of them for ever. */
  public void describeAnswers(StreamDescription... answers) {
    describes.addAll(List.of(answers));
    last = answers[answers.length - 1];
  }

  /** A description of {@code d} with another status. */
  public static StreamDescription withStatus(StreamDescription d, StreamStatus status) {
    return d.toBuilder().setStatus(status).build();
  }

  @Override
  public void close() {
    GrpcServers.stop(server);
  }

  private <T> void change(Object request, StreamObserver<T> observer, Supplier<T> answer) {
    requests.add(request);
    TributaryException f = failure;
    if (f != null) {
      throw f; // the error interceptor turns it into a status with trailers, as in a real coordinator
    }
    observer.onNext(answer.get());
    observer.onCompleted();
  }

  private final class Admin extends StreamAdminGrpc.StreamAdminImplBase {
    @Override
    public void createStream(CreateStreamRequest request, StreamObserver<StreamDescription> observer) {
      change(request, observer, () -> accepted);
    }

    @Override
    public void describeStream(DescribeStreamRequest request, StreamObserver<StreamDescription> observer) {
      StreamDescription next = describes.poll();
      observer.onNext(next != null ? next : last);
      observer.onCompleted();
    }

    @Override
    public void splitShard(SplitShardRequest request, StreamObserver<StreamDescription> observer) {
      change(request, observer, () -> accepted);
    }

    @Override
    public void mergeShards(MergeShardsRequest request, StreamObserver<StreamDescription> observer) {
      change(request, observer, () -> accepted);
    }

    @Override
    public void updateShardCount(UpdateShardCountRequest request, StreamObserver<StreamDescription> observer) {
      change(request, observer, () -> accepted);
    }

    @Override
    public void registerConsumer(RegisterConsumerRequest request, StreamObserver<RegisteredConsumer> observer) {
      change(request, observer, () -> RegisteredConsumer.newBuilder().setName(request.getConsumerName())
          .setStream(request.getStream()).setCreatedMillis(0).build());
    }

    @Override
    public void deregisterConsumer(DeregisterConsumerRequest request, StreamObserver<DeregisterConsumerResponse> observer) {
      change(request, observer, DeregisterConsumerResponse::getDefaultInstance);
    }

    @Override
    public void listConsumers(ListConsumersRequest request, StreamObserver<ListConsumersResponse> observer) {
      observer.onNext(ListConsumersResponse.newBuilder().addAllConsumers(consumers).build());
      observer.onCompleted();
    }
  }

  private final class Cluster extends ClusterAdminGrpc.ClusterAdminImplBase {
    @Override
    public void getClusterStatus(GetClusterStatusRequest request, StreamObserver<ClusterStatus> observer) {
      observer.onNext(ClusterStatus.newBuilder().setCluster(cluster).setZookeeper(zookeeper).build());
      observer.onCompleted();
    }

    @Override
    public void drainBroker(DrainBrokerRequest request, StreamObserver<ReassignmentProgress> observer) {
      reassign(request, observer);
    }

    @Override
    public void rebalance(RebalanceRequest request, StreamObserver<ReassignmentProgress> observer) {
      reassign(request, observer);
    }

    private void reassign(Object request, StreamObserver<ReassignmentProgress> observer) {
      requests.add(request);
      reassignment.forEach(observer::onNext);
      TributaryException broken = reassignmentBreak;
      if (broken != null) {
        observer.onError(GrpcErrors.toStatus(broken));
      } else {
        observer.onCompleted();
      }
    }
  }
}

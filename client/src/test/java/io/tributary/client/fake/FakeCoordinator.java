package io.tributary.client.fake;

import io.grpc.Server;
import io.grpc.stub.StreamObserver;
import io.tributary.common.error.TributaryException;
import io.tributary.common.grpc.GrpcServers;
import io.tributary.proto.v1.ClusterAdminGrpc;
import io.tributary.proto.v1.ClusterStatus;
import io.tributary.proto.v1.CoordinatorInfo;
import io.tributary.proto.v1.CreateStreamRequest;
import io.tributary.proto.v1.DeleteStreamRequest;
import io.tributary.proto.v1.DeleteStreamResponse;
import io.tributary.proto.v1.DeregisterConsumerRequest;
import io.tributary.proto.v1.DeregisterConsumerResponse;
import io.tributary.proto.v1.DescribeStreamRequest;
import io.tributary.proto.v1.ListConsumersRequest;
import io.tributary.proto.v1.ListConsumersResponse;
import io.tributary.proto.v1.MergeShardsRequest;
import io.tributary.proto.v1.RegisterConsumerRequest;
import io.tributary.proto.v1.RegisteredConsumer;
import io.tributary.proto.v1.SplitShardRequest;
import io.tributary.proto.v1.UpdateShardCountRequest;
import io.tributary.proto.v1.GetClusterStatusRequest;
import io.tributary.proto.v1.ListStreamsRequest;
import io.tributary.proto.v1.ListStreamsResponse;
import io.tributary.proto.v1.StreamAdminGrpc;
import io.tributary.proto.v1.StreamDescription;
import io.tributary.proto.v1.StreamSummary;
import io.tributary.proto.v1.UpdateRetentionRequest;
import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A coordinator on loopback gRPC over a shared {@link FakeCatalog}. A standby serves reads and
 * answers changes with NotLeader naming {@link #leaderAddress} (empty: an election in progress).
 * Thread-safe.
 */
public final class FakeCoordinator implements AutoCloseable {
  private final FakeCatalog catalog;
  private final Server server;
  public volatile boolean leader;
  public volatile String leaderAddress = "";
  public final AtomicInteger calls = new AtomicInteger();
  public final AtomicInteger changes = new AtomicInteger();
  /** Resharding requests received, in order. */
  public final List<Object> requests = new CopyOnWriteArrayList<>();
  /** ZooKeeper connect string reported in the cluster status. */
  public volatile String zookeeper = "";
  /** Fills in sequence ranges when a describe asks for them. */
  public volatile UnaryOperator<StreamDescription> sequenceRanges = UnaryOperator.identity();

  private FakeCoordinator(FakeCatalog catalog, boolean leader) {
    this.catalog = catalog;
    this.leader = leader;
    this.server = GrpcServers.start("127.0.0.1", 0, List.of(new Admin(), new Cluster()));
  }

  public static FakeCoordinator start(FakeCatalog catalog, boolean leader) {
    return new FakeCoordinator(catalog, leader);
  }

  public String address() {
    return "127.0.0.1:" + server.getPort();
  }

  public void kill() {
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    kill();
  }

  private void change() {
    calls.incrementAndGet();
    if (!leader) {
      throw TributaryException.notLeader(leaderAddress);
    }
    changes.incrementAndGet();
  }

  private final class Admin extends StreamAdminGrpc.StreamAdminImplBase {
    @Override
    public void createStream(CreateStreamRequest request, StreamObserver<StreamDescription> observer) {
      change();
      observer.onNext(catalog.create(request.getName(), request.getShardCount()));
      observer.onCompleted();
    }

    @Override
    public void deleteStream(DeleteStreamRequest request, StreamObserver<DeleteStreamResponse> observer) {
      change();
      catalog.delete(request.getName());
      observer.onNext(DeleteStreamResponse.getDefaultInstance());
      observer.onCompleted();
    }

    @Override
    public void listStreams(ListStreamsRequest request, StreamObserver<ListStreamsResponse> observer) {
      calls.incrementAndGet();
      ListStreamsResponse.Builder r = ListStreamsResponse.newBuilder();
      for (StreamDescription d : catalog.all()) {
        r.addStreams(StreamSummary.newBuilder().setName(d.getName()).setOpenShardCount(d.getOpenShardCount()));
      }
      observer.onNext(r.build());
      observer.onCompleted();
    }

    @Override
    public void describeStream(DescribeStreamRequest request, StreamObserver<StreamDescription> observer) {
      calls.incrementAndGet();
      StreamDescription d = catalog.describe(request.getName());
      observer.onNext(request.getIncludeSequenceRanges() ? sequenceRanges.apply(d) : d);
      observer.onCompleted();
    }

    @Override
    public void updateRetention(UpdateRetentionRequest request, StreamObserver<StreamDescription> observer) {
      change();
      StreamDescription d = catalog.describe(request.getName()).toBuilder()
          .setRetentionHours(request.getRetentionHours()).build();
      catalog.put(d);
      observer.onNext(d);
      observer.onCompleted();
    }

    @Override
    public void splitShard(SplitShardRequest request, StreamObserver<StreamDescription> observer) {
      requests.add(request);
      String at = request.getNewStartingHashKey();
      answer(observer, () -> catalog.split(request.getStream(), request.getShardId(),
          at.isEmpty() ? null : new BigInteger(at)));
    }

    @Override
    public void mergeShards(MergeShardsRequest request, StreamObserver<StreamDescription> observer) {
      requests.add(request);
      answer(observer, () -> catalog.merge(request.getStream(), request.getShardId(), request.getAdjacentShardId()));
    }

    @Override
    public void updateShardCount(UpdateShardCountRequest request, StreamObserver<StreamDescription> observer) {
      requests.add(request);
      answer(observer, () -> catalog.scale(request.getStream(), request.getTargetShardCount()));
    }

    @Override
    public void registerConsumer(RegisterConsumerRequest request, StreamObserver<RegisteredConsumer> observer) {
      change();
      observer.onNext(catalog.register(request.getStream(), request.getConsumerName()));
      observer.onCompleted();
    }

    @Override
    public void deregisterConsumer(DeregisterConsumerRequest request, StreamObserver<DeregisterConsumerResponse> observer) {
      change();
      catalog.deregister(request.getStream(), request.getConsumerName());
      observer.onNext(DeregisterConsumerResponse.getDefaultInstance());
      observer.onCompleted();
    }

    @Override
    public void listConsumers(ListConsumersRequest request, StreamObserver<ListConsumersResponse> observer) {
      calls.incrementAndGet();
      observer.onNext(ListConsumersResponse.newBuilder().addAllConsumers(catalog.consumers(request.getStream())).build());
      observer.onCompleted();
    }
  }

  private void answer(StreamObserver<StreamDescription> observer, Supplier<StreamDescription> change) {
    change();
    observer.onNext(change.get());
    observer.onCompleted();
  }

  private final class Cluster extends ClusterAdminGrpc.ClusterAdminImplBase {
    @Override
    public void getClusterStatus(GetClusterStatusRequest request, StreamObserver<ClusterStatus> observer) {
      calls.incrementAndGet();
      observer.onNext(ClusterStatus.newBuilder()
          .setCluster("fake")
          .addCoordinators(CoordinatorInfo.newBuilder().setId("c").setAddress(address()).setLeader(leader))
          .setStreamCount(catalog.all().size())
          .setZookeeper(zookeeper)
          .build());
      observer.onCompleted();
    }
  }
}

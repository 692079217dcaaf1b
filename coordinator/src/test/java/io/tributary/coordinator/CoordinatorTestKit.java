package io.tributary.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.tributary.common.config.CommonKeys;
import io.tributary.common.config.Configuration;
import io.tributary.common.grpc.GrpcChannels;
import io.tributary.common.grpc.GrpcErrors;
import io.tributary.common.stream.MetadataJson;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.common.time.ManualClock;
import io.tributary.common.zk.Registrations;
import io.tributary.common.zk.ZkPaths;
import io.tributary.common.zk.ZooKeeperClients;
import io.tributary.proto.v1.ClusterAdminGrpc;
import io.tributary.proto.v1.CreateStreamRequest;
import io.tributary.proto.v1.StreamAdminGrpc;
import io.tributary.common.io.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Starts coordinators of one cluster against a test ZooKeeper, registers brokers the way a broker
 * does, and hands out gRPC stubs; closes all of it. Confined to the test thread, except that stubs
 * may be used from several threads.
 */
final class CoordinatorTestKit implements AutoCloseable {
  static final long START_MILLIS = 1_700_000_000_000L;
  static final Duration LEADERSHIP_BOUND = Duration.ofSeconds(10);
  private static final AtomicInteger CLUSTERS = new AtomicInteger();

  final String cluster = "test-" + CLUSTERS.incrementAndGet();
  final ZkPaths paths = new ZkPaths(cluster);
  final ManualClock clock = new ManualClock(START_MILLIS);
  private final String connectString;
  private final CuratorFramework zk;
  private final List<CoordinatorServer> coordinators = new ArrayList<>();
  private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
  private final Path dir;

  CoordinatorTestKit(TestingServer zooKeeper) {
    this.connectString = zooKeeper.getConnectString();
    this.zk = ZooKeeperClients.connect(connectString, Duration.ofSeconds(10), Duration.ofSeconds(10));
    try {
      this.dir = Files.createTempDirectory("coordinator-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  CoordinatorServer startCoordinator(Map<String, String> settings) {
    Map<String, String> all = new HashMap<>(Map.of(
        CommonKeys.ZOOKEEPER.name(), connectString,
        CommonKeys.CLUSTER.name(), cluster,
        CommonKeys.PORT.name(), "0",
        CommonKeys.ZK_SESSION_TIMEOUT.name(), "4s",
        CommonKeys.DIR.name(), dir.resolve("coordinator-" + coordinators.size()).toString()));
    all.putAll(settings);
    CoordinatorServer server = CoordinatorServer.start(new CoordinatorConfig(Configuration.of(all)), clock);
    coordinators.add(server);
    return server;
  }

  CoordinatorServer startCoordinator() {
    return startCoordinator(Map.of());
  }

  /** Starts a coordinator and waits until it leads, as the first of a cluster soon does. */
  CoordinatorServer startLeader(Map<String, String> settings) {
    CoordinatorServer server = startCoordinator(settings);
    await().atMost(LEADERSHIP_BOUND).until(server::isLeader);
    return server;
  }

  CoordinatorServer startLeader() {
    return startLeader(Map.of());
  }

  CuratorFramework zk() {
    return zk;
  }

  /** What a broker does when it starts: an ephemeral node with its registration. */
  void registerBroker(int id, String address) throws Exception {
    zk.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL)
        .forPath(paths.broker(id), MetadataJson.write(new Registrations.Broker(id, address)));
  }

  void unregisterBroker(int id) throws Exception {
    zk.delete().forPath(paths.broker(id));
  }

  /** A stream's shard nodes as stored, ordered by shard id. */
  List<ShardMetadata> shards(String stream) throws Exception {
    List<ShardMetadata> shards = new ArrayList<>();
    for (String id : zk.getChildren().forPath(paths.shards(stream)).stream().sorted().toList()) {
      shards.add(MetadataJson.read(zk.getData().forPath(paths.shard(stream, id)), ShardMetadata.class));
    }
    return shards;
  }

  StreamAdminGrpc.StreamAdminBlockingStub streams(CoordinatorServer coordinator) {
    return StreamAdminGrpc.newBlockingStub(channel(coordinator)).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  ClusterAdminGrpc.ClusterAdminBlockingStub clusterAdmin(CoordinatorServer coordinator) {
    return ClusterAdminGrpc.newBlockingStub(channel(coordinator)).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  ManagedChannel channel(CoordinatorServer coordinator) {
    return channels.computeIfAbsent(coordinator.address(), GrpcChannels::forAddress);
  }

  static CreateStreamRequest create(String name, int shards) {
    return CreateStreamRequest.newBuilder().setName(name).setShardCount(shards).build();
  }

  /** Runs a call that must fail, and checks status code, error trailer and message. */
  static StatusRuntimeException assertFails(
      ThrowingCallable call, Status.Code code, String errorName, String messagePart) {
    StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, call);
    assertThat(e).as("the call should have failed with " + errorName).isNotNull();
    assertThat(e.getStatus().getCode()).isEqualTo(code);
    assertThat(e.getTrailers().get(GrpcErrors.ERROR_CODE)).isEqualTo(errorName);
    assertThat(e.getStatus().getDescription()).contains(messagePart);
    return e;
  }

  @Override
  public void close() {
    channels.values().forEach(GrpcChannels::close);
    coordinators.forEach(CoordinatorServer::close);
    zk.close();
    Directories.deleteRecursively(dir);
  }
}

package io.tributary.coordinator;

import static io.tributary.coordinator.CoordinatorTestKit.assertFails;
import static io.tributary.coordinator.CoordinatorTestKit.create;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.tributary.common.stream.HashKey;
import io.tributary.common.stream.HashKeyRange;
import io.tributary.common.stream.MetadataJson;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.common.stream.StreamMetadata;
import io.tributary.proto.v1.BrokerInfo;
import io.tributary.proto.v1.ClusterStatus;
import io.tributary.proto.v1.CreateStreamRequest;
import io.tributary.proto.v1.DeleteStreamRequest;
import io.tributary.proto.v1.DescribeStreamRequest;
import io.tributary.proto.v1.GetClusterStatusRequest;
import io.tributary.proto.v1.ListStreamsRequest;
import io.tributary.proto.v1.ShardInfo;
import io.tributary.proto.v1.ShardState;
import io.tributary.proto.v1.StreamAdminGrpc.StreamAdminBlockingStub;
import io.tributary.proto.v1.StreamDescription;
import io.tributary.proto.v1.StreamMode;
import io.tributary.proto.v1.StreamStatus;
import io.tributary.proto.v1.StreamSummary;
import io.tributary.proto.v1.UpdateRetentionRequest;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StreamAdminIT {
  @RegisterExtension static final TestZooKeeper ZOOKEEPER = new TestZooKeeper();

  private CoordinatorTestKit kit;
  private CoordinatorServer coordinator;

  @BeforeEach
  void startCoordinator() {
    kit = new CoordinatorTestKit(ZOOKEEPER.server());
    coordinator = kit.startLeader();
  }

  @AfterEach
  void stop() {
    kit.close();
  }

  private StreamAdminBlockingStub streams() {
    return kit.streams(coordinator);
  }

  @Test
  void createReturnsTheDescriptionAndWritesTheMetadata() throws Exception {
    kit.registerBroker(1, "127.0.0.1:9001");

    StreamDescription created = streams().createStream(create("clicks", 3));

    assertThat(created.getName()).isEqualTo("clicks");
    assertThat(created.getStatus()).isEqualTo(StreamStatus.ACTIVE);
    assertThat(created.getMode()).isEqualTo(StreamMode.PROVISIONED);
    assertThat(created.getRetentionHours()).isEqualTo(24);
    assertThat(created.getReplicationFactor()).isEqualTo(1);
    assertThat(created.getCreatedMillis()).isEqualTo(CoordinatorTestKit.START_MILLIS);
    assertThat(created.getOpenShardCount()).isEqualTo(3);
    assertThat(created.getShardsList()).extracting(ShardInfo::getShardId)
        .containsExactly("shardId-000000000000", "shardId-000000000001", "shardId-000000000002");
    assertThat(created.getShardsList()).allSatisfy(shard -> {
      assertThat(shard.getState()).isEqualTo(ShardState.OPEN);
      assertThat(shard.getLeaderBrokerId()).isEqualTo(1);
      assertThat(shard.getLeaderAddress()).isEqualTo("127.0.0.1:9001");
      assertThat(shard.getReplicasList()).containsExactly(1);
      assertThat(shard.getInSyncReplicasList()).containsExactly(1);
      assertThat(shard.getParentShardIdsList()).isEmpty();
      assertThat(shard.getSequenceRangeKnown()).isFalse();
    });
    assertCoversTheKeySpace(created.getShardsList());

    StreamMetadata stored = MetadataJson.read(
        kit.zk().getData().forPath(kit.paths.stream("clicks")), StreamMetadata.class);
    assertThat(stored).isEqualTo(new StreamMetadata("clicks", created.getUid(), "ACTIVE", "PROVISIONED", 24, 1,
        CoordinatorTestKit.START_MILLIS, 3, 0, 0));
    ShardMetadata shard1 = MetadataJson.read(
        kit.zk().getData().forPath(kit.paths.shard("clicks", "shardId-000000000001")), ShardMetadata.class);
    HashKeyRange range1 = HashKeyRange.uniform(3).get(1);
    assertThat(shard1).isEqualTo(new ShardMetadata("shardId-000000000001", range1.start().toString(),
        range1.end().toString(), List.of(), "OPEN", 1, 0, List.of(1), List.of(1), -1,
        coordinator.leaderEpoch().getAsLong()));
  }

  @Test
  void everyBadCreateIsRefusedAndTheCoordinatorKeepsServing() throws Exception {
    kit.registerBroker(1, "127.0.0.1:9001");
    String outOfBounds = "out of bounds: use 24 to 8760 hours";
    assertInvalid(create("bad name!", 1), "invalid stream name 'bad name!'");
    assertInvalid(create("..", 1), "reserved");
    assertInvalid(create("s", 0), "shard count 0 is invalid");
    assertInvalid(create("s", -4), "shard count -4 is invalid");
    assertInvalid(create("s", 1).toBuilder().setRetentionHours(23).build(), "retention 23 hours is " + outOfBounds);
    assertInvalid(create("s", 1).toBuilder().setRetentionHours(8761).build(), "retention 8761 hours is " + outOfBounds);
    assertInvalid(create("s", 1).toBuilder().setReplicationFactor(3).build(),
        "replication factor 3 needs 3 brokers, but only 1 live broker takes replicas");
    assertInvalid(create("s", 1).toBuilder().setMode(StreamMode.ON_DEMAND).setMinShards(2).build(),
        "1 <= min shards (2) <= shard count (1)");
    assertFails(() -> streams().createStream(create("s", 501)), Status.Code.RESOURCE_EXHAUSTED, "LimitExceeded",
        "exceeds the limit of 500 shards per stream; use fewer shards or raise coordinator.max-shards-per-stream");

    assertThat(streams().listStreams(ListStreamsRequest.getDefaultInstance()).getStreamsList()).isEmpty();
    assertThat(streams().createStream(create("s", 500)).getShardsCount()).isEqualTo(500);
  }

  @Test
  void limitsFollowTheConfiguration() throws Exception {
    CoordinatorServer small = kit.startCoordinator(Map.of(
        "coordinator.max-shards-per-stream", "2", "coordinator.default-retention-hours", "72"));
    coordinator.close();
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(small::isLeader);
    kit.registerBroker(1, "127.0.0.1:9001");

    assertFails(() -> kit.streams(small).createStream(create("s", 3)), Status.Code.RESOURCE_EXHAUSTED,
        "LimitExceeded", "limit of 2 shards");
    assertThat(kit.streams(small).createStream(create("s", 2)).getRetentionHours()).isEqualTo(72);
  }

  @Test
  void duplicatesUnknownStreamsAndMissingBrokersAreReported() throws Exception {
    assertFails(() -> streams().createStream(create("clicks", 1)), Status.Code.UNAVAILABLE, "Unavailable",
        "no live brokers take replicas; start one with 'trib broker'");
    kit.registerBroker(1, "127.0.0.1:9001");
    streams().createStream(create("clicks", 1));

    assertFails(() -> streams().createStream(create("clicks", 2)), Status.Code.ALREADY_EXISTS, "ResourceInUse",
        "stream 'clicks' already exists");
    String notFound = "stream 'nope' does not exist; list streams with 'trib stream list'";
    assertFails(() -> streams().deleteStream(delete("nope")), Status.Code.NOT_FOUND, "ResourceNotFound", notFound);
    assertFails(() -> streams().describeStream(describe("nope", false)), Status.Code.NOT_FOUND, "ResourceNotFound",
        notFound);
    assertFails(() -> streams().updateRetention(retention("nope", 48)), Status.Code.NOT_FOUND, "ResourceNotFound",
        notFound);
    assertFails(() -> streams().describeStream(describe("no way", false)), Status.Code.INVALID_ARGUMENT,
        "InvalidArgument", "invalid stream name");

    assertThat(streams().describeStream(describe("clicks", false)).getShardsCount()).isEqualTo(1);
  }

  @Test
  void concurrentCreatesOfOneNameYieldOneStream() throws Exception {
    kit.registerBroker(1, "127.0.0.1:9001");
    ExecutorService callers = Executors.newFixedThreadPool(6);
    try {
      List<Future<String>> outcomes = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        Callable<String> call = () -> {
          try {
            return streams().createStream(create("race", 4)).getUid();
          } catch (StatusRuntimeException e) {
            return e.getStatus().getCode().name();
          }
        };
        outcomes.add(callers.submit(call));
      }
      List<String> results = new ArrayList<>();
      for (Future<String> outcome : outcomes) {
        results.add(outcome.get(30, TimeUnit.SECONDS));
      }
      assertThat(results).filteredOn("ALREADY_EXISTS"::equals).hasSize(5);
      assertThat(results).contains(streams().describeStream(describe("race", false)).getUid());
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void shardsSpreadOverTheLeastLoadedBrokers() throws Exception {
    kit.registerBroker(1, "127.0.0.1:9001");
    kit.registerBroker(2, "127.0.0.1:9002");

    assertThat(leaders(streams().createStream(create("four", 4)))).containsExactly(1, 2, 1, 2);

    kit.registerBroker(3, "127.0.0.1:9003");
    assertThat(leaders(streams().createStream(create("a", 2)))).containsExactly(3, 3);
    streams().createStream(create("b", 1));
    streams().createStream(create("c", 2));
    ClusterStatus status = kit.clusterAdmin(coordinator).getClusterStatus(GetClusterStatusRequest.getDefaultInstance());
    assertThat(status.getBrokersList()).extracting(BrokerInfo::getLeaderShards).containsExactly(3, 3, 3);
  }

  @Test
  void describeShowsLeaderAddressesWhileTheLeaderIsLive() throws Exception {
    kit.registerBroker(1, "127.0.0.1:9001");
    kit.registerBroker(2, "127.0.0.1:9002");
    // One replica: no in-sync follower can take over, so the shard of broker 2 stays leaderless.
    streams().createStream(create("clicks", 2).toBuilder().setReplicationFactor(1).build());

    kit.unregisterBroker(2);

    // The failover may or may not have marked the shard leaderless yet; either way it has no address.
    Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      StreamDescription described = streams().describeStream(describe("clicks", false));
      assertThat(described.getShardsList()).extracting(ShardInfo::getLeaderAddress)
          .containsExactly("127.0.0.1:9001", "");
      assertThat(described.getShards(0).getLeaderBrokerId()).isEqualTo(1);
      assertThat(described.getShards(1).getLeaderBrokerId()).isIn(2, ShardMetadata.NO_LEADER);
    });
  }

  @Test
  void sequenceRangesComeFromLeadersThatAnswer() throws Exception {
    try (FakeShardStatsBroker answering = new FakeShardStatsBroker(true);
        FakeShardStatsBroker hung = new FakeShardStatsBroker(false)) {
      kit.registerBroker(1, answering.address());
      kit.registerBroker(2, hung.address());
      kit.registerBroker(3, "127.0.0.1:1"); // nothing listens there
      streams().createStream(create("clicks", 3));
      answering.setRange("shardId-000000000000", 5, 42);

      StreamDescription described = streams().describeStream(describe("clicks", true));

      ShardInfo first = described.getShards(0);
      assertThat(first.getSequenceRangeKnown()).isTrue();
      assertThat(first.getFirstSequenceNumber()).isEqualTo(5);
      assertThat(first.getNextSequenceNumber()).isEqualTo(42);
      assertThat(described.getShards(1).getSequenceRangeKnown()).isFalse();
      assertThat(described.getShards(2).getSequenceRangeKnown()).isFalse();
      assertThat(streams().describeStream(describe("clicks", false)).getShards(0).getSequenceRangeKnown()).isFalse();
    }
  }

  @Test
  void listSummarizesEveryStream() throws Exception {
    kit.registerBroker(1, "127.0.0.1:9001");
    streams().createStream(create("b", 2));
    kit.clock.advance(java.time.Duration.ofMinutes(1));
    streams().createStream(create("a", 1).toBuilder().setRetentionHours(48).build());

    List<StreamSummary> list = streams().listStreams(ListStreamsRequest.getDefaultInstance()).getStreamsList();

    assertThat(list).containsExactly(
        StreamSummary.newBuilder().setName("a").setStatus(StreamStatus.ACTIVE).setOpenShardCount(1)
            .setRetentionHours(48).setCreatedMillis(CoordinatorTestKit.START_MILLIS + 60_000).build(),
        StreamSummary.newBuilder().setName("b").setStatus(StreamStatus.ACTIVE).setOpenShardCount(2)
            .setRetentionHours(24).setCreatedMillis(CoordinatorTestKit.START_MILLIS).build());
  }

  @Test
  void deleteRemovesTheStreamAndTheNameCanBeUsedAgain() throws Exception {
    kit.registerBroker(1, "127.0.0.1:9001");
    String firstUid = streams().createStream(create("clicks", 2)).getUid();

    streams().deleteStream(delete("clicks"));

    assertThat(kit.zk().checkExists().forPath(kit.paths.stream("clicks"))).isNull();
    assertThat(streams().listStreams(ListStreamsRequest.getDefaultInstance()).getStreamsList()).isEmpty();
    assertThat(streams().createStream(create("clicks", 1)).getUid()).isNotEqualTo(firstUid);
  }

  @Test
  void aNewLeaderFinishesADeletionItsPredecessorLeftHalfDone() throws Exception {
    kit.registerBroker(1, "127.0.0.1:9001");
    streams().createStream(create("clicks", 2));
    String path = kit.paths.stream("clicks");
    StreamMetadata stored = MetadataJson.read(kit.zk().getData().forPath(path), StreamMetadata.class);
    kit.zk().setData().forPath(path, MetadataJson.write(stored.withStatus(StreamMetadata.DELETING)));
    assertFails(() -> streams().createStream(create("clicks", 1)), Status.Code.ALREADY_EXISTS, "ResourceInUse",
        "is being deleted");

    CoordinatorServer next = kit.startCoordinator();
    coordinator.close();

    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
        .until(() -> next.isLeader() && kit.zk().checkExists().forPath(path) == null);
  }

  @Test
  void retentionUpdatesAreValidatedAndStored() throws Exception {
    kit.registerBroker(1, "127.0.0.1:9001");
    streams().createStream(create("clicks", 1));

    assertThat(streams().updateRetention(retention("clicks", 168)).getRetentionHours()).isEqualTo(168);
    assertThat(streams().describeStream(describe("clicks", false)).getRetentionHours()).isEqualTo(168);
    assertInvalidRetention(23);
    assertInvalidRetention(9000);
    assertThat(streams().updateRetention(retention("clicks", 0)).getRetentionHours()).isEqualTo(24);
  }

  @Test
  void clusterStatusCountsEverything() throws Exception {
    kit.registerBroker(2, "127.0.0.1:9002");
    kit.registerBroker(1, "127.0.0.1:9001");
    streams().createStream(create("a", 3));
    streams().createStream(create("b", 2));

    ClusterStatus status = kit.clusterAdmin(coordinator).getClusterStatus(GetClusterStatusRequest.getDefaultInstance());

    assertThat(status.getCluster()).isEqualTo(kit.cluster);
    assertThat(status.getCoordinatorsCount()).isEqualTo(1);
    assertThat(status.getCoordinators(0).getId()).isEqualTo(coordinator.id());
    assertThat(status.getCoordinators(0).getAddress()).isEqualTo(coordinator.address());
    assertThat(status.getCoordinators(0).getLeader()).isTrue();
    assertThat(status.getBrokersList()).containsExactly(
        BrokerInfo.newBuilder().setId(1).setAddress("127.0.0.1:9001").setLeaderShards(3).setReplicaShards(5).build(),
        BrokerInfo.newBuilder().setId(2).setAddress("127.0.0.1:9002").setLeaderShards(2).setReplicaShards(5).build());
    assertThat(status.getUnderReplicatedList()).isEmpty();
    assertThat(status.getStreamCount()).isEqualTo(2);
    assertThat(status.getOpenShardCount()).isEqualTo(5);
    assertThat(status.getLeaderEpoch()).isEqualTo(coordinator.leaderEpoch().getAsLong()).isPositive();
  }

  private void assertInvalid(CreateStreamRequest request, String message) {
    assertFails(() -> streams().createStream(request), Status.Code.INVALID_ARGUMENT, "InvalidArgument", message);
  }

  private void assertInvalidRetention(int hours) {
    assertFails(() -> streams().updateRetention(retention("clicks", hours)), Status.Code.INVALID_ARGUMENT,
        "InvalidArgument", "retention " + hours + " hours is out of bounds: use 24 to 8760 hours");
  }

  private static List<Integer> leaders(StreamDescription stream) {
    return stream.getShardsList().stream().map(ShardInfo::getLeaderBrokerId).toList();
  }

  private static void assertCoversTheKeySpace(List<ShardInfo> shards) {
    BigInteger expectedStart = BigInteger.ZERO;
    for (ShardInfo shard : shards) {
      assertThat(new BigInteger(shard.getHashKeyRange().getStartingHashKey())).isEqualTo(expectedStart);
      expectedStart = new BigInteger(shard.getHashKeyRange().getEndingHashKey()).add(BigInteger.ONE);
    }
    assertThat(expectedStart).isEqualTo(HashKey.MAX_VALUE.add(BigInteger.ONE));
  }

  static DeleteStreamRequest delete(String name) {
    return DeleteStreamRequest.newBuilder().setName(name).build();
  }

  static DescribeStreamRequest describe(String name, boolean withRanges) {
    return DescribeStreamRequest.newBuilder().setName(name).setIncludeSequenceRanges(withRanges).build();
  }

  static UpdateRetentionRequest retention(String name, int hours) {
    return UpdateRetentionRequest.newBuilder().setName(name).setRetentionHours(hours).build();
  }
}

package io.tributary.coordinator;

import static io.tributary.coordinator.CoordinatorTestKit.assertFails;
import static io.tributary.coordinator.CoordinatorTestKit.create;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.tributary.common.stream.HashKey;
import io.tributary.common.stream.HashKeyRange;
import io.tributary.common.stream.MetadataJson;
import io.tributary.common.stream.ShardIds;
import io.tributary.common.stream.StreamMetadata;
import io.tributary.proto.v1.DescribeStreamRequest;
import io.tributary.proto.v1.GetClusterStatusRequest;
import io.tributary.proto.v1.MergeShardsRequest;
import io.tributary.proto.v1.ScalingEvent;
import io.tributary.proto.v1.ShardInfo;
import io.tributary.proto.v1.ShardState;
import io.tributary.proto.v1.SplitShardRequest;
import io.tributary.proto.v1.StreamAdminGrpc.StreamAdminBlockingStub;
import io.tributary.proto.v1.StreamDescription;
import io.tributary.proto.v1.StreamMode;
import io.tributary.proto.v1.StreamStatus;
import io.tributary.proto.v1.UpdateShardCountRequest;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Split, merge and scale through the StreamAdmin service, against real ZooKeeper and a fake broker. */
class ReshardingIT {
  @RegisterExtension static final TestZooKeeper ZOOKEEPER = new TestZooKeeper();

  private CoordinatorTestKit kit;
  private CoordinatorServer coordinator;
  private FakeShardStatsBroker broker;

  @BeforeEach
  void start() throws Exception {
    kit = new CoordinatorTestKit(ZOOKEEPER.server());
    coordinator = kit.startLeader();
    broker = new FakeShardStatsBroker(true);
    kit.registerBroker(1, broker.address());
  }

  @AfterEach
  void stop() {
    kit.close();
    broker.close();
  }

  private StreamAdminBlockingStub streams() {
    return kit.streams(coordinator);
  }

  @Test
  void splitMergeAndScaleKeepTheKeySpaceCoveredAndRecordTheirHistory() {
    streams().createStream(create("clicks", 2));

    StreamDescription split = streams().splitShard(split("clicks", "1", ""));
    assertThat(split.getShardsCount()).isEqualTo(4);
    assertThat(split.getShards(1).getState()).isEqualTo(ShardState.CLOSED);
    assertThat(split.getShards(2).getParentShardIdsList()).containsExactly(ShardIds.of(1));
    awaitActive("clicks");

    streams().mergeShards(merge("clicks", ShardIds.of(3), ShardIds.of(2)));
    awaitActive("clicks");
    streams().updateShardCount(scale("clicks", 3));
    StreamDescription after = awaitActive("clicks");

    assertThat(after.getOpenShardCount()).isEqualTo(3);
    List<ShardInfo> open = after.getShardsList().stream().filter(s -> s.getState() == ShardState.OPEN).toList();
    assertThat(open).extracting(ShardInfo::getShardId).containsExactly(ShardIds.of(5), ShardIds.of(6), ShardIds.of(7));
    assertCover(open);
    assertThat(open.get(1).getParentShardIdsList()).containsExactly(ShardIds.of(0), ShardIds.of(4));
    assertThat(after.getScalingEventsList()).extracting(ScalingEvent::getAction)
        .containsExactly("scale", "merge", "split");
    assertThat(after.getScalingEventsList()).extracting(ScalingEvent::getReason).containsOnly("operator");
    assertThat(after.getScalingEvents(1).getClosedShardIdsList()).containsExactly(ShardIds.of(2), ShardIds.of(3));
    assertThat(after.getScalingEvents(1).getCreatedShardIdsList()).containsExactly(ShardIds.of(4));
    assertThat(after.getScalingEvents(0).getAtMillis()).isEqualTo(CoordinatorTestKit.START_MILLIS);
  }

  @Test
  void badReshardingRequestsAreRefusedWithTheirFix() {
    streams().createStream(create("clicks", 2));
    streams().splitShard(split("clicks", "0", ""));
    awaitActive("clicks");
    String firstOfShard1 = HashKeyRange.uniform(2).get(1).start().toString();

    assertFails(() -> streams().splitShard(split("nope", "0", "")), Status.Code.NOT_FOUND, "ResourceNotFound",
        "stream 'nope' does not exist");
    assertFails(() -> streams().splitShard(split("clicks", "9", "")), Status.Code.NOT_FOUND, "ResourceNotFound",
        "shard 'shardId-000000000009' does not exist in stream 'clicks'; see its shards with");
    assertInvalid(() -> streams().splitShard(split("clicks", "0", "")), "is CLOSED and cannot be split");
    assertInvalid(() -> streams().splitShard(split("clicks", "1", firstOfShard1)), "is not strictly inside");
    assertInvalid(() -> streams().splitShard(split("clicks", "1", "12")), "is not strictly inside");
    assertInvalid(() -> streams().splitShard(split("clicks", "1", "x")), "is not a decimal integer");
    assertInvalid(() -> streams().mergeShards(merge("clicks", ShardIds.of(0), ShardIds.of(1))),
        "is CLOSED and cannot be merged");
    assertInvalid(() -> streams().mergeShards(merge("clicks", ShardIds.of(2), ShardIds.of(1))), "are not adjacent");
    assertInvalid(() -> streams().mergeShards(merge("clicks", ShardIds.of(1), ShardIds.of(1))), "with itself");
    assertInvalid(() -> streams().updateShardCount(scale("clicks", 0)), "a stream needs at least 1 shard");
    assertInvalid(() -> streams().updateShardCount(scale("clicks", 3)), "already has 3 open shards");
    assertFails(() -> streams().updateShardCount(scale("clicks", 501)), Status.Code.RESOURCE_EXHAUSTED,
        "LimitExceeded", "exceeds the limit of 500 shards per stream");

    streams().createStream(create("auto", 0).toBuilder().setMode(StreamMode.ON_DEMAND).build());
    assertInvalid(() -> streams().updateShardCount(scale("auto", 2)), "managed by the on-demand scaler");

    broker.setServing(false); // the children are not taken over: the stream stays UPDATING
    streams().mergeShards(merge("clicks", ShardIds.of(3), ShardIds.of(1)));
    assertThat(describe("clicks").getStatus()).isEqualTo(StreamStatus.UPDATING);
    assertFails(() -> streams().splitShard(split("clicks", "1", "")), Status.Code.ALREADY_EXISTS, "ResourceInUse",
        "stream 'clicks' is already resharding; wait until it is ACTIVE");
    broker.setServing(true);
    awaitActive("clicks");
  }

  @Test
  void aNewLeaderFinishesAReshardingLeftUpdating() {
    streams().createStream(create("clicks", 1));
    broker.setServing(false);
    streams().splitShard(split("clicks", "0", ""));
    CoordinatorServer next = kit.startCoordinator();
    coordinator.close();
    await().atMost(Duration.ofSeconds(15)).until(next::isLeader);
    assertThat(kit.streams(next).describeStream(describe("clicks", false)).getStatus())
        .isEqualTo(StreamStatus.UPDATING);

    broker.setServing(true);

    await().atMost(Duration.ofSeconds(15)).until(() ->
        kit.streams(next).describeStream(describe("clicks", false)).getStatus() == StreamStatus.ACTIVE);
  }

  @Test
  void theHistoryKeepsTheLastTwentyEventsAndSealedShardsShowWhereTheyEnded() throws Exception {
    streams().createStream(create("clicks", 1));
    for (int i = 0; i < 21; i++) {
      kit.clock.advance(Duration.ofSeconds(1));
      streams().splitShard(split("clicks", ShardIds.of(i), ""));
      awaitActive("clicks");
    }
    broker.setRange(ShardIds.of(0), 0, 42);
    broker.seal(ShardIds.of(0));

    StreamDescription described = streams().describeStream(describe("clicks", true));

    assertThat(described.getScalingEventsList()).hasSize(20);
    assertThat(described.getScalingEvents(0).getAtMillis()).isEqualTo(CoordinatorTestKit.START_MILLIS + 21_000);
    assertThat(described.getScalingEvents(19).getClosedShardIdsList()).containsExactly(ShardIds.of(1));
    assertThat(described.getShards(0).getEndingSequenceNumber()).isEqualTo(41);
    assertThat(described.getShards(1).getEndingSequenceNumber()).isZero(); // not sealed on its broker
    StreamMetadata stored = MetadataJson.read(kit.zk().getData().forPath(kit.paths.stream("clicks")),
        StreamMetadata.class);
    assertThat(stored.nextShardIndex()).isEqualTo(43);
  }

  @Test
  void theOnDemandScalerSplitsAHotShardOnceAndWaitsForTheCooldown() {
    StreamDescription created =
        streams().createStream(create("auto", 0).toBuilder().setMode(StreamMode.ON_DEMAND).build());
    assertThat(created.getOpenShardCount()).isEqualTo(4);
    assertThat(created.getMinShards()).isEqualTo(1);
    assertThat(created.getMaxShards()).isEqualTo(64);
    assertThat(created.getMode()).isEqualTo(StreamMode.ON_DEMAND);
    for (int i = 0; i < 4; i++) {
      broker.setRate(ShardIds.of(i), 400, 1000);
    }
    broker.setRate(ShardIds.of(2), 950, 1000);

    coordinator.runOnDemandScaler();
    StreamDescription split = awaitActive("auto");

    assertThat(split.getOpenShardCount()).isEqualTo(5);
    assertThat(split.getScalingEvents(0).getClosedShardIdsList()).containsExactly(ShardIds.of(2));
    assertThat(split.getScalingEvents(0).getReason()).contains("shard " + ShardIds.of(2) + " wrote 950.0 records/s");
    broker.setRate(ShardIds.of(4), 950, 1000);
    kit.clock.advance(Duration.ofSeconds(30));
    coordinator.runOnDemandScaler();
    assertThat(describe("auto").getOpenShardCount()).isEqualTo(5);
    kit.clock.advance(Duration.ofSeconds(30));
    coordinator.runOnDemandScaler();
    assertThat(awaitActive("auto").getOpenShardCount()).isEqualTo(6);
  }

  @Test
  void clusterStatusNamesTheZooKeeperOfTheCluster() {
    assertThat(kit.clusterAdmin(coordinator).getClusterStatus(GetClusterStatusRequest.getDefaultInstance())
        .getZookeeper()).isEqualTo(ZOOKEEPER.server().getConnectString());
  }

  private StreamDescription awaitActive(String stream) {
    return await().atMost(Duration.ofSeconds(15)).until(() -> describe(stream),
        d -> d.getStatus() == StreamStatus.ACTIVE);
  }

  private StreamDescription describe(String stream) {
    return streams().describeStream(describe(stream, false));
  }

  private void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
    assertFails(call, Status.Code.INVALID_ARGUMENT, "InvalidArgument", message);
  }

  private static void assertCover(List<ShardInfo> open) {
    BigInteger next = BigInteger.ZERO;
    for (ShardInfo shard : open.stream().sorted(Comparator.comparing(
        s -> new BigInteger(s.getHashKeyRange().getStartingHashKey()))).toList()) {
      assertThat(new BigInteger(shard.getHashKeyRange().getStartingHashKey())).isEqualTo(next);
      next = new BigInteger(shard.getHashKeyRange().getEndingHashKey()).add(BigInteger.ONE);
    }
    assertThat(next).isEqualTo(HashKey.MAX_VALUE.add(BigInteger.ONE));
  }

  static DescribeStreamRequest describe(String name, boolean withRanges) {
    return DescribeStreamRequest.newBuilder().setName(name).setIncludeSequenceRanges(withRanges).build();
  }

  static SplitShardRequest split(String stream, String shard, String at) {
    return SplitShardRequest.newBuilder().setStream(stream).setShardId(shard).setNewStartingHashKey(at).build();
  }

  static MergeShardsRequest merge(String stream, String shard, String adjacent) {
    return MergeShardsRequest.newBuilder().setStream(stream).setShardId(shard).setAdjacentShardId(adjacent).build();
  }

  static UpdateShardCountRequest scale(String stream, int target) {
    return UpdateShardCountRequest.newBuilder().setStream(stream).setTargetShardCount(target).build();
  }
}

package io.tributary.cli.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.cli.TestCli;
import io.tributary.cli.fake.FakeCoordinator;
import io.tributary.cli.output.Json;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.proto.v1.CreateStreamRequest;
import io.tributary.proto.v1.HashKeyRange;
import io.tributary.proto.v1.MergeShardsRequest;
import io.tributary.proto.v1.ScalingEvent;
import io.tributary.proto.v1.ShardInfo;
import io.tributary.proto.v1.ShardState;
import io.tributary.proto.v1.SplitShardRequest;
import io.tributary.proto.v1.StreamDescription;
import io.tributary.proto.v1.StreamMode;
import io.tributary.proto.v1.StreamStatus;
import io.tributary.proto.v1.UpdateShardCountRequest;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** split, merge, scale and create's on-demand options against a scripted coordinator. */
class ReshardCommandsTest {
  private static final StreamDescription SPLIT = StreamDescription.newBuilder()
      .setName("clicks").setStatus(StreamStatus.ACTIVE).setOpenShardCount(2)
      .addShards(shard(0, "0", "99", ShardState.CLOSED))
      .addShards(shard(1, "0", "49", ShardState.OPEN).addParentShardIds("shardId-000000000000"))
      .addShards(shard(2, "50", "99", ShardState.OPEN).addParentShardIds("shardId-000000000000"))
      .addScalingEvents(ScalingEvent.newBuilder().setAction("split").setReason("operator")
          .addClosedShardIds("shardId-000000000000").addCreatedShardIds("shardId-000000000001")
          .addCreatedShardIds("shardId-000000000002"))
      .build();

  private final FakeCoordinator coordinator = new FakeCoordinator();

  @AfterEach
  void stop() {
    coordinator.close();
  }

  @Test
  void splitWaitsUntilActiveThenPrintsTheOpenShards() {
    coordinator.accepted = FakeCoordinator.withStatus(SPLIT, StreamStatus.UPDATING);
    coordinator.describeAnswers(coordinator.accepted, coordinator.accepted, SPLIT);

    TestCli.Result r = trib("stream", "split", "clicks", "--shard", "0", "--at", "50");

    assertThat(r.exit()).as(r.err()).isZero();
    SplitShardRequest sent = (SplitShardRequest) coordinator.requests.get(0);
    assertThat(sent.getShardId()).isEqualTo("shardId-000000000000");
    assertThat(sent.getNewStartingHashKey()).isEqualTo("50");
    assertThat(r.outLines().get(0)).isEqualTo("Stream 'clicks' (ACTIVE): split closed shardId-000000000000; "
        + "opened shardId-000000000001, shardId-000000000002; 2 open shards.");
    assertThat(r.out()).contains("shardId-000000000001", "shardId-000000000002").doesNotContain("CLOSED");
    assertThat(r.err()).contains("Waiting for stream 'clicks' to be ACTIVE again (UPDATING");
  }

  @Test
  void splitWithoutAtLeavesTheSplitPointToTheCoordinator() {
    coordinator.accepted = SPLIT;
    coordinator.describeAnswers(SPLIT);

    TestCli.Result r = trib("stream", "split", "clicks", "--shard", "shardId-000000000000");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(((SplitShardRequest) coordinator.requests.get(0)).getNewStartingHashKey()).isEmpty();
  }

  @Test
  void mergeAsJsonPrintsTheDescriptionOnceActive() throws Exception {
    coordinator.accepted = FakeCoordinator.withStatus(SPLIT, StreamStatus.UPDATING);
    coordinator.describeAnswers(coordinator.accepted, SPLIT);

    TestCli.Result r = trib("--output", "json", "stream", "merge", "clicks", "--shard", "1", "--adjacent", "2");

    assertThat(r.exit()).as(r.err()).isZero();
    MergeShardsRequest sent = (MergeShardsRequest) coordinator.requests.get(0);
    assertThat(sent.getShardId()).isEqualTo("shardId-000000000001");
    assertThat(sent.getAdjacentShardId()).isEqualTo("shardId-000000000002");
    JsonNode json = Json.MAPPER.readTree(r.out());
    assertThat(json.get("status").asText()).isEqualTo("ACTIVE");
    assertThat(json.get("shards")).hasSize(3);
    assertThat(json.get("scalingEvents").get(0).get("action").asText()).isEqualTo("split");
  }

  @Test
  void scaleWithNoWaitReturnsTheAcceptedDescriptionWithoutDescribing() throws Exception {
    coordinator.accepted = FakeCoordinator.withStatus(SPLIT, StreamStatus.UPDATING);
    coordinator.describeAnswers(coordinator.accepted);

    TestCli.Result r = trib("--output", "json", "stream", "scale", "clicks", "--shards", "5", "--no-wait");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(((UpdateShardCountRequest) coordinator.requests.get(0)).getTargetShardCount()).isEqualTo(5);
    assertThat(Json.MAPPER.readTree(r.out()).get("status").asText()).isEqualTo("UPDATING");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void aStreamThatStaysUpdatingFailsAfterTheWait() {
    coordinator.accepted = FakeCoordinator.withStatus(SPLIT, StreamStatus.UPDATING);
    coordinator.describeAnswers(coordinator.accepted);

    TestCli.Result r = trib("stream", "scale", "clicks", "--shards", "3", "--wait", "1s");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.errLines()).last().isEqualTo(
        "Unavailable: stream 'clicks' is still UPDATING after 1.0 s; follow it with 'trib stream describe clicks'");
  }

  @Test
  void coordinatorRejectionIsOneErrorLine() {
    coordinator.failure = new TributaryException(ErrorCode.INVALID_ARGUMENT,
        "shard shardId-000000000000 of 'clicks' is CLOSED; split an open shard");

    TestCli.Result r = trib("--output", "json", "stream", "split", "clicks", "--shard", "0");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().trim())
        .isEqualTo("InvalidArgument: shard shardId-000000000000 of 'clicks' is CLOSED; split an open shard");
  }

  @Test
  void createOnDemandSendsTheShardBounds() {
    coordinator.accepted = SPLIT.toBuilder().setMode(StreamMode.ON_DEMAND).setMinShards(1).setMaxShards(8).build();

    TestCli.Result r = trib("stream", "create", "clicks", "--shards", "2", "--mode", "on-demand",
        "--min-shards", "1", "--max-shards", "8");

    assertThat(r.exit()).as(r.err()).isZero();
    CreateStreamRequest sent = (CreateStreamRequest) coordinator.requests.get(0);
    assertThat(sent.getMode()).isEqualTo(StreamMode.ON_DEMAND);
    assertThat(sent.getMinShards()).isEqualTo(1);
    assertThat(sent.getMaxShards()).isEqualTo(8);
    assertThat(r.out()).contains("Mode:         on-demand (1 to 8 shards)");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "stream split clicks",
    "stream split clicks --shard 0 --at middle",
    "stream split clicks --shard 0 --at -5",
    "stream split clicks --shard 0 --wait 0s",
    "stream split clicks --shard 0 --wait soon",
    "stream merge clicks --shard 1",
    "stream merge clicks --shard 1 --adjacent 1",
    "stream scale clicks",
    "stream scale clicks --shards 0",
    "stream scale clicks --shards many",
    "stream create clicks --shards 2 --min-shards 1",
    "stream create clicks --shards 2 --mode on-demand --min-shards 4 --max-shards 2",
    "stream create clicks --shards 2 --mode on-demand --max-shards -1",
  })
  void badUsageExitsWithTwoAndSendsNothing(String commandLine) {
    TestCli.Result r = trib(commandLine.split(" "));

    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(coordinator.requests).isEmpty();
  }

  private TestCli.Result trib(String... args) {
    String[] all = Stream.concat(Stream.of("--coordinator", coordinator.address()), Arrays.stream(args))
        .toArray(String[]::new);
    return TestCli.run(all);
  }

  private static ShardInfo.Builder shard(int index, String start, String end, ShardState state) {
    return ShardInfo.newBuilder().setShardId(String.format("shardId-%012d", index))
        .setHashKeyRange(HashKeyRange.newBuilder().setStartingHashKey(start).setEndingHashKey(end))
        .setState(state).setEndingSequenceNumber(-1);
  }
}

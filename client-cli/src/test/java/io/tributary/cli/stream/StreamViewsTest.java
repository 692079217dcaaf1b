package io.tributary.cli.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.cli.output.Json;
import io.tributary.cli.output.Output;
import io.tributary.cli.output.OutputFormat;
import io.tributary.proto.v1.HashKeyRange;
import io.tributary.proto.v1.ShardInfo;
import io.tributary.proto.v1.ShardState;
import io.tributary.proto.v1.StreamDescription;
import io.tributary.proto.v1.StreamMode;
import io.tributary.proto.v1.StreamStatus;
import io.tributary.proto.v1.StreamSummary;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamViewsTest {
  static final StreamDescription CLICKS = StreamDescription.newBuilder()
      .setName("clicks").setUid("u-1").setStatus(StreamStatus.ACTIVE).setMode(StreamMode.PROVISIONED)
      .setRetentionHours(168).setReplicationFactor(1).setCreatedMillis(0).setOpenShardCount(1)
      .addShards(ShardInfo.newBuilder().setShardId("shardId-000000000000")
          .setHashKeyRange(HashKeyRange.newBuilder().setStartingHashKey("0").setEndingHashKey("99"))
          .setState(ShardState.OPEN).setLeaderBrokerId(2).setLeaderAddress("127.0.0.1:7403").setLeaderEpoch(4)
          .addReplicas(2).addReplicas(3).addReplicas(1).addInSyncReplicas(2).addInSyncReplicas(1)
          .setSequenceRangeKnown(true).setFirstSequenceNumber(0).setNextSequenceNumber(42)
          .setEndingSequenceNumber(-1))
      .addShards(ShardInfo.newBuilder().setShardId("shardId-000000000001")
          .setHashKeyRange(HashKeyRange.newBuilder().setStartingHashKey("100").setEndingHashKey("199"))
          .addParentShardIds("shardId-000000000000")
          .setState(ShardState.CLOSED).setLeaderBrokerId(1).setLeaderAddress("")
          .addReplicas(1).addInSyncReplicas(1).setEndingSequenceNumber(9))
      .build();

  @Test
  void descriptionAsJsonHasStreamAndShardFields() throws Exception {
    JsonNode json = Json.MAPPER.readTree(render(o -> o.json(StreamViews.descriptionJson(CLICKS))));

    assertThat(json.get("name").asText()).isEqualTo("clicks");
    assertThat(json.get("mode").asText()).isEqualTo("provisioned");
    assertThat(json.get("retentionHours").asInt()).isEqualTo(168);
    assertThat(json.get("created").asText()).isEqualTo("1970-01-01T00:00:00Z");
    JsonNode first = json.get("shards").get(0);
    assertThat(first.get("shardId").asText()).isEqualTo("shardId-000000000000");
    assertThat(first.get("hashKeyRange").get("end").asText()).isEqualTo("99");
    assertThat(first.get("leader").asInt()).isEqualTo(2);
    assertThat(first.get("leaderStatus").asText()).isEqualTo("live");
    assertThat(first.get("leaderEpoch").asLong()).isEqualTo(4);
    assertThat(first.get("replicas")).extracting(JsonNode::asInt).containsExactly(2, 3, 1);
    assertThat(first.get("inSyncReplicas")).extracting(JsonNode::asInt).containsExactly(2, 1);
    assertThat(json.get("shards").get(1).get("leaderStatus").asText()).isEqualTo("offline");
    assertThat(first.get("sequenceRange").get("next").asLong()).isEqualTo(42);
    assertThat(first.has("endingSequenceNumber")).isFalse();
    JsonNode second = json.get("shards").get(1);
    assertThat(second.get("parents").get(0).asText()).isEqualTo("shardId-000000000000");
    assertThat(second.get("sequenceRange").isNull()).isTrue();
    assertThat(second.get("endingSequenceNumber").asLong()).isEqualTo(9);
  }

  @Test
  void tagsShowSortedByKeyInBothFormsAndOnlyWhenSet() throws Exception {
    StreamDescription tagged = CLICKS.toBuilder().putTags("team", "ads").putTags("env", "prod").build();

    JsonNode json = Json.MAPPER.readTree(render(o -> o.json(StreamViews.descriptionJson(tagged))));

    assertThat(json.get("tags").fieldNames()).toIterable().containsExactly("env", "team");
    assertThat(json.get("tags").get("team").asText()).isEqualTo("ads");
    assertThat(render(o -> StreamViews.printDescription(tagged, o))).contains("Tags:         env=prod, team=ads");
    assertThat(render(o -> StreamViews.printDescription(CLICKS, o))).doesNotContain("Tags:");
  }

  @Test
  void aShardWithoutLeaderShowsADashAndStatusNone() {
    ShardInfo leaderless = CLICKS.getShards(0).toBuilder().setLeaderBrokerId(-1).setLeaderAddress("").build();

    assertThat(StreamViews.leader(leaderless)).isEqualTo("-");
    assertThat(StreamViews.shardJson(leaderless).get("leaderStatus").asText()).isEqualTo("none");
    assertThat(StreamViews.leader(CLICKS.getShards(1))).isEqualTo("1 (offline)");
  }

  @Test
  void descriptionAsTableShowsEveryShardColumn() {
    String text = render(o -> StreamViews.printDescription(CLICKS, o));

    assertThat(text).contains("Stream:       clicks (ACTIVE)", "Retention:    7d");
    assertThat(text).contains("SHARD", "HASH RANGE", "PARENTS", "STATE", "LEADER", "EPOCH", "REPLICAS", "ISR", "SEQUENCES");
    assertThat(text).containsPattern("shardId-000000000000 +0\\.\\.99 +- +OPEN +2 \\(127\\.0\\.0\\.1:7403\\) +4 +2,3,1 +2,1 +0\\.\\.41 \\(42\\)");
    assertThat(text).containsPattern("shardId-000000000001 +100\\.\\.199 +shardId-000000000000 +CLOSED +1 \\(offline\\) +0 +1 +1 +\\?");
  }

  @Test
  void summariesAsJsonArray() throws Exception {
    StreamSummary s = StreamSummary.newBuilder().setName("a").setStatus(StreamStatus.ACTIVE)
        .setOpenShardCount(4).setRetentionHours(24).setMode(StreamMode.ON_DEMAND).build();

    JsonNode json = Json.MAPPER.readTree(render(o -> o.json(StreamViews.summariesJson(List.of(s)))));

    assertThat(json.isArray()).isTrue();
    assertThat(json.get(0).get("openShards").asInt()).isEqualTo(4);
    assertThat(json.get(0).get("mode").asText()).isEqualTo("on-demand");
  }

  @Test
  void emptyShardRange() {
    ShardInfo empty = ShardInfo.newBuilder().setSequenceRangeKnown(true).setFirstSequenceNumber(5)
        .setNextSequenceNumber(5).build();
    assertThat(StreamViews.sequences(empty)).isEqualTo("empty (next 5)");
  }

  @Test
  void aClosedShardThatNeverHeldRecordsHasNoEndingSequence() {
    ShardInfo closedEmpty = ShardInfo.newBuilder().setShardId("shardId-000000000002")
        .setState(ShardState.CLOSED).setSequenceRangeKnown(true).setNextSequenceNumber(0).build();
    ShardInfo closedFull = closedEmpty.toBuilder().setNextSequenceNumber(42).setEndingSequenceNumber(41).build();
    assertThat(StreamViews.sequences(closedEmpty)).doesNotContain("ended at").endsWith("closed");
    assertThat(StreamViews.sequences(closedFull)).endsWith("ended at 41");
  }

  static String render(java.util.function.Consumer<Output> print) {
    StringWriter text = new StringWriter();
    PrintWriter writer = new PrintWriter(text);
    print.accept(new Output(OutputFormat.JSON, writer));
    writer.flush();
    return text.toString();
  }
}

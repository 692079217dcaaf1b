package io.tributary.cli.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.cli.output.Json;
import io.tributary.proto.v1.RegisteredConsumer;
import io.tributary.proto.v1.ScalingEvent;
import io.tributary.proto.v1.StreamDescription;
import io.tributary.proto.v1.StreamMode;
import org.junit.jupiter.api.Test;

class ScalingViewsTest {
  static final StreamDescription RESHARDED = StreamViewsTest.CLICKS.toBuilder()
      .setMode(StreamMode.ON_DEMAND).setMinShards(1).setMaxShards(8)
      .addScalingEvents(ScalingEvent.newBuilder().setAtMillis(60_000).setAction("split")
          .setReason("write rate 1500 records/s above 1000").addClosedShardIds("shardId-000000000000")
          .addCreatedShardIds("shardId-000000000002").addCreatedShardIds("shardId-000000000003"))
      .addConsumers(RegisteredConsumer.newBuilder().setName("audit").setStream("clicks").setCreatedMillis(0))
      .build();

  @Test
  void describeJsonHasBoundsHistoryConsumersAndEndingSequences() throws Exception {
    JsonNode json = Json.MAPPER.readTree(StreamViewsTest.render(o -> o.json(StreamViews.descriptionJson(RESHARDED))));

    assertThat(json.get("mode").asText()).isEqualTo("on-demand");
    assertThat(json.get("minShards").asInt()).isEqualTo(1);
    assertThat(json.get("maxShards").asInt()).isEqualTo(8);
    JsonNode event = json.get("scalingEvents").get(0);
    assertThat(event.get("at").asText()).isEqualTo("1970-01-01T00:01:00Z");
    assertThat(event.get("action").asText()).isEqualTo("split");
    assertThat(event.get("reason").asText()).contains("1500");
    assertThat(event.get("closedShards").get(0).asText()).isEqualTo("shardId-000000000000");
    assertThat(event.get("createdShards")).hasSize(2);
    assertThat(json.get("consumers").get(0).get("name").asText()).isEqualTo("audit");
    assertThat(json.get("shards").get(1).get("endingSequenceNumber").asLong()).isEqualTo(9);
  }

  @Test
  void provisionedStreamsHaveNoBoundsAndEmptyLists() throws Exception {
    JsonNode json = Json.MAPPER.readTree(
        StreamViewsTest.render(o -> o.json(StreamViews.descriptionJson(StreamViewsTest.CLICKS))));

    assertThat(json.has("minShards")).isFalse();
    assertThat(json.get("scalingEvents")).isEmpty();
    assertThat(json.get("consumers")).isEmpty();
  }

  @Test
  void describeTableShowsBoundsHistoryConsumersAndWhereClosedShardsEnded() {
    String text = StreamViewsTest.render(o -> StreamViews.printDescription(RESHARDED, o));

    assertThat(text).contains("Mode:         on-demand (1 to 8 shards)");
    assertThat(text).contains("Scaling history (newest first):", "AT", "ACTION", "CLOSED", "CREATED", "REASON");
    assertThat(text).containsPattern(
        "1970-01-01 00:01:00Z +split +shardId-000000000000 +shardId-000000000002,shardId-000000000003 +write rate");
    assertThat(text).containsPattern("Registered consumers:\\s+CONSUMER +REGISTERED\\s+audit +1970-01-01");
    assertThat(text).contains("?, ended at 9");
  }

  @Test
  void describeTableSaysWhenThereIsNoHistoryOrConsumer() {
    String text = StreamViewsTest.render(o -> StreamViews.printDescription(StreamViewsTest.CLICKS, o));

    assertThat(text).contains("Mode:         provisioned\n", "Scaling history: none", "Registered consumers: none");
  }
}

package io.tributary.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.cli.output.Json;
import io.tributary.cli.output.Output;
import io.tributary.cli.output.OutputFormat;
import io.tributary.proto.v1.BrokerInfo;
import io.tributary.proto.v1.ClusterStatus;
import io.tributary.proto.v1.CoordinatorInfo;
import io.tributary.proto.v1.WorkerInfo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ClusterStatusCommandTest {
  static final ClusterStatus STATUS = ClusterStatus.newBuilder()
      .setCluster("tributary").setLeaderEpoch(3).setStreamCount(2).setOpenShardCount(5)
      .addCoordinators(CoordinatorInfo.newBuilder().setId("c1").setAddress("127.0.0.1:7400").setLeader(true))
      .addBrokers(BrokerInfo.newBuilder().setId(1).setAddress("127.0.0.1:7401").setLeaderShards(5))
      .addWorkers(WorkerInfo.newBuilder().setId("w1").setAddress("127.0.0.1:7410").setSlots(4).setFreeSlots(1))
      .addWorkers(WorkerInfo.newBuilder().setId("w2").setAddress("127.0.0.1:7411").setSlots(4).setFreeSlots(4))
      .putJobsByState("FAILED", 1).putJobsByState("RUNNING", 2)
      .build();

  @Test
  void tableShowsWorkersWithFreeSlotsAndJobsByStateInLifecycleOrder() {
    String text = render(OutputFormat.TABLE, o -> ClusterStatusCommand.print(STATUS, o));

    assertThat(text).contains("Jobs:         2 running, 1 failed", "Slots:        5 free of 8 on 2 worker(s)");
    assertThat(text).contains("WORKER", "SLOTS", "FREE");
    assertThat(text).containsPattern("w1 +127\\.0\\.0\\.1:7410 +4 +1");
    assertThat(text).containsPattern("w2 +127\\.0\\.0\\.1:7411 +4 +4");
  }

  @Test
  void tableSaysNoneWithoutJobs() {
    ClusterStatus empty = ClusterStatus.newBuilder().setCluster("tributary").build();

    String text = render(OutputFormat.TABLE, o -> ClusterStatusCommand.print(empty, o));

    assertThat(text).contains("Jobs:         none", "Slots:        0 free of 0 on 0 worker(s)");
  }

  @Test
  void jsonHasWorkersAndJobsByState() throws Exception {
    JsonNode json =
        Json.MAPPER.readTree(render(OutputFormat.JSON, o -> o.json(ClusterStatusCommand.toJson(STATUS))));

    JsonNode w1 = json.get("workers").get(0);
    assertThat(w1.get("id").asText()).isEqualTo("w1");
    assertThat(w1.get("address").asText()).isEqualTo("127.0.0.1:7410");
    assertThat(w1.get("slots").asInt()).isEqualTo(4);
    assertThat(w1.get("freeSlots").asInt()).isEqualTo(1);
    assertThat(json.get("workers")).hasSize(2);
    assertThat(json.get("jobs").get("RUNNING").asInt()).isEqualTo(2);
    assertThat(json.get("jobs").get("FAILED").asInt()).isEqualTo(1);
    assertThat(json.get("brokers").get(0).get("leaderShards").asInt()).isEqualTo(5);
  }

  private static String render(OutputFormat format, Consumer<Output> print) {
    StringWriter text = new StringWriter();
    Output output = new Output(format, new PrintWriter(text));
    print.accept(output);
    output.flush();
    return text.toString();
  }
}

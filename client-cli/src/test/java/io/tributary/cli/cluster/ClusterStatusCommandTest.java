package io.tributary.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.cli.output.Json;
import io.tributary.cli.output.Output;
import io.tributary.cli.output.OutputFormat;
import io.tributary.proto.v1.BrokerInfo;
import io.tributary.proto.v1.ClusterStatus;
import io.tributary.proto.v1.CoordinatorInfo;
import io.tributary.proto.v1.UnderReplicatedShard;
import io.tributary.proto.v1.WorkerInfo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ClusterStatusCommandTest {
  static final ClusterStatus STATUS = ClusterStatus.newBuilder()
      .setCluster("tributary").setLeaderEpoch(3).setStreamCount(2).setOpenShardCount(5)
      .addCoordinators(CoordinatorInfo.newBuilder().setId("c1").setAddress("127.0.0.1:7400").setLeader(true))
      .addBrokers(BrokerInfo.newBuilder().setId(1).setAddress("127.0.0.1:7401").setLeaderShards(5).setReplicaShards(7))
      .addBrokers(BrokerInfo.newBuilder().setId(4).setAddress("127.0.0.1:7404").setReplicaShards(0).setDrained(true))
      .addUnderReplicated(UnderReplicatedShard.newBuilder().setStream("clicks").setShardId("shardId-000000000002")
          .setLeader(1).addReplicas(1).addReplicas(2).addReplicas(3).addInSyncReplicas(1))
      .addUnderReplicated(UnderReplicatedShard.newBuilder().setStream("views").setShardId("shardId-000000000000")
          .setLeader(-1).addReplicas(2).addReplicas(3).addInSyncReplicas(3).setOffline(true))
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
  void tableShowsBrokerReplicasDrainedAndUnderReplicatedShards() {
    String text = render(OutputFormat.TABLE, o -> ClusterStatusCommand.print(STATUS, o));

    assertThat(text).contains("Replication:  2 under-replicated shard(s), 1 offline (no leader)");
    assertThat(text).contains("LEADER SHARDS", "REPLICAS", "DRAINED");
    assertThat(text).containsPattern(" 1 +127\\.0\\.0\\.1:7401 +5 +7 +no");
    assertThat(text).containsPattern(" 4 +127\\.0\\.0\\.1:7404 +0 +0 +yes");
    assertThat(text).contains("Under-replicated shards:");
    assertThat(text).containsPattern("clicks +shardId-000000000002 +1 +1,2,3 +1 +no");
    assertThat(text).containsPattern("views +shardId-000000000000 +- +2,3 +3 +yes");
  }

  @Test
  void tableSaysNoneWithoutJobs() {
    ClusterStatus empty = ClusterStatus.newBuilder().setCluster("tributary").build();

    String text = render(OutputFormat.TABLE, o -> ClusterStatusCommand.print(empty, o));

    assertThat(text).contains("Jobs:         none", "Slots:        0 free of 0 on 0 worker(s)");
    assertThat(text).contains("Under-replicated shards: none", "every open shard has all its replicas in sync");
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
    assertThat(json.get("brokers").get(0).get("replicaShards").asInt()).isEqualTo(7);
    assertThat(json.get("brokers").get(1).get("drained").asBoolean()).isTrue();
    JsonNode offline = json.get("underReplicated").get(1);
    assertThat(offline.get("stream").asText()).isEqualTo("views");
    assertThat(offline.get("leader").asInt()).isEqualTo(-1);
    assertThat(offline.get("replicas")).extracting(JsonNode::asInt).containsExactly(2, 3);
    assertThat(offline.get("inSyncReplicas")).extracting(JsonNode::asInt).containsExactly(3);
    assertThat(offline.get("offline").asBoolean()).isTrue();
  }

  private static String render(OutputFormat format, Consumer<Output> print) {
    StringWriter text = new StringWriter();
    Output output = new Output(format, new PrintWriter(text));
    print.accept(output);
    output.flush();
    return text.toString();
  }
}

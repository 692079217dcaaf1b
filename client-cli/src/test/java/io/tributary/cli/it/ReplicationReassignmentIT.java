package io.tributary.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.broker.StreamRef;
import io.tributary.cli.output.Json;
import io.tributary.proto.v1.BrokerInfo;
import io.tributary.proto.v1.ShardInfo;
import io.tributary.proto.v1.StreamDescription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trib cluster rebalance} and {@code trib broker drain} on a cluster of real processes while
 * an acks=all producer writes to a stream with two replicas per shard: a new broker gets its share
 * of replicas and leaders, a drained broker ends with none, and no acknowledged record is lost.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ReplicationReassignmentIT {
  private static final String STREAM = "reassigned";
  private static final Duration COMMAND_WAIT = Duration.ofMinutes(3);

  @TempDir Path dir;

  @Test
  void rebalanceFillsANewBrokerAndDrainEmptiesAnOldOneWithoutLosingRecords() throws Exception {
    try (ReplicatedCluster cluster = ReplicatedCluster.start(dir, 3);
        FaultRun run = FaultRun.begin(cluster, STREAM, 2)) {
      try {
        cluster.startBroker(4);
        cluster.awaitBrokers(4);
        EngineCli.Result rebalance = cluster.cli().run(COMMAND_WAIT, "cluster", "rebalance");
        System.out.println("trib cluster rebalance: " + rebalance);
        assertThat(rebalance.exit()).as("%s", rebalance).isZero();
        StreamDescription balanced = cluster.awaitFullIsr(STREAM);
        assertThat(replicasPerBroker(balanced)).as("replicas per broker after rebalance: %s", balanced)
            .containsEntry(4, 2).allSatisfy((broker, count) -> assertThat(count).isEqualTo(2));
        assertThat(leadersPerBroker(balanced)).as("leaders per broker after rebalance: %s", balanced)
            .hasSize(4).allSatisfy((broker, count) -> assertThat(count).isEqualTo(1));
        run.awaitProgress();

        EngineCli.Result drain = cluster.cli().run(COMMAND_WAIT, "broker", "drain", "1");
        System.out.println("trib broker drain 1: " + drain);
        assertThat(drain.exit()).as("%s", drain).isZero();
        StreamDescription drained = cluster.awaitFullIsr(STREAM);
        assertThat(drained.getShardsList()).as("shards after draining broker 1: %s", drained)
            .allSatisfy(s -> assertThat(s.getReplicasList()).doesNotContain(1).hasSize(2));
        EngineCli.Result json = cluster.cli().run(COMMAND_WAIT, "--output", "json", "stream", "describe", STREAM);
        assertThat(json.exit()).as("%s", json).isZero();
        for (JsonNode shard : Json.MAPPER.readTree(json.out()).get("shards")) {
          assertThat(shard.get("replicas").toString()).as("%s", shard).doesNotContain("1");
          assertThat(shard.get("inSyncReplicas")).as("%s", shard).hasSize(2);
        }
        BrokerInfo one = cluster.client().clusterStatus().getBrokersList().stream()
            .filter(b -> b.getId() == 1).findFirst().orElseThrow();
        assertThat(one.getDrained()).as("%s", one).isTrue();
        assertThat(one.getReplicaShards()).as("%s", one).isZero();
        StreamRef ref = new StreamRef(STREAM, drained.getUid());
        await("broker 1 deletes the shards it no longer holds").atMost(ReplicatedCluster.WAIT).until(() ->
            drained.getShardsList().stream().noneMatch(s -> Files.exists(
                cluster.brokerDir(1).resolve("streams").resolve(ref.directoryName()).resolve(s.getShardId()))));
        run.finishAndVerify();
      } catch (Exception | AssertionError e) {
        throw new AssertionError(e.getMessage() + cluster.diagnostics(STREAM), e);
      }
    }
  }

  private static Map<Integer, Integer> replicasPerBroker(StreamDescription d) {
    Map<Integer, Integer> counts = new TreeMap<>();
    for (ShardInfo s : d.getShardsList()) {
      s.getReplicasList().forEach(b -> counts.merge(b, 1, Integer::sum));
    }
    return counts;
  }

  private static Map<Integer, Integer> leadersPerBroker(StreamDescription d) {
    Map<Integer, Integer> counts = new TreeMap<>();
    for (ShardInfo s : d.getShardsList()) {
      counts.merge(s.getLeaderBrokerId(), 1, Integer::sum);
    }
    return counts;
  }
}

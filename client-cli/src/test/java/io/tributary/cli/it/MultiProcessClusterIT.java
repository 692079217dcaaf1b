package io.tributary.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.client.ClientOptions;
import io.tributary.client.Position;
import io.tributary.client.Producer;
import io.tributary.client.ProducerOptions;
import io.tributary.client.PutResult;
import io.tributary.client.ReceivedRecord;
import io.tributary.client.StreamReader;
import io.tributary.client.TributaryClient;
import io.tributary.common.stream.HashKey;
import io.tributary.common.stream.HashKeyRange;
import io.tributary.proto.v1.ClusterStatus;
import io.tributary.proto.v1.CoordinatorInfo;
import io.tributary.proto.v1.ShardInfo;
import io.tributary.proto.v1.StreamDescription;
import io.tributary.proto.v1.StreamMode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real cluster of separate JVMs from the built distribution: a ZooKeeper server, two
 * coordinators and two brokers. Checks the stream invariants (complete, ordered per shard, every
 * key on the shard its hash range names) and that kill -9 loses no acknowledged record.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiProcessClusterIT {
  private static final String CLUSTER = "it";

  @TempDir static Path dir;
  private static TestingServer zookeeper;
  private static final Map<String, TribProcess> processes = new ConcurrentHashMap<>();
  private static final List<String> coordinatorAddresses = new ArrayList<>();
  private static TributaryClient client;

  @BeforeAll
  static void startCluster() throws Exception {
    zookeeper = new TestingServer(true);
    for (String id : List.of("c1", "c2")) {
      TribProcess c = start(id, "coordinator", "--port", "0");
      coordinatorAddresses.add(c.awaitReady());
    }
    for (int id = 1; id <= 2; id++) {
      startBroker(id).awaitReady();
    }
    client = TributaryClient.connect(new ClientOptions(coordinatorAddresses, Duration.ofSeconds(10)));
    await().atMost(Duration.ofSeconds(30)).until(() -> client.clusterStatus().getBrokersCount() == 2);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (client != null) {
      client.close();
    }
    for (TribProcess p : processes.values()) {
      p.close();
    }
    if (zookeeper != null) {
      zookeeper.close();
    }
  }

  @Test
  @Order(1)
  void tenThousandRandomKeysComeBackCompleteInShardOrderOnTheirShards() throws Exception {
    StreamDescription stream = client.createStream("events", 4, 0, 0, StreamMode.PROVISIONED);
    assertThat(stream.getShardsList()).extracting(ShardInfo::getLeaderBrokerId).containsOnly(1, 2);

    Map<String, PutResult> acked = produce("events", 10_000);
    assertThat(acked).hasSize(10_000).allSatisfy((data, r) -> assertThat(r.succeeded()).isTrue());

    Map<String, ReceivedRecord> read = new HashMap<>();
    for (ReceivedRecord r : readAll("events", 10_000)) {
      assertThat(read.put(new String(r.data(), StandardCharsets.UTF_8), r)).as("duplicate").isNull();
    }
    assertThat(read.keySet()).isEqualTo(acked.keySet());
    Map<String, HashKeyRange> ranges = ranges(client.describeStream("events", false));
    for (ReceivedRecord r : read.values()) {
      assertThat(ranges.get(r.shardId()).contains(HashKey.ofPartitionKey(r.partitionKey())))
          .as("key %s on %s", r.partitionKey(), r.shardId())
          .isTrue();
      PutResult ack = acked.get(new String(r.data(), StandardCharsets.UTF_8));
      assertThat(ack.shardId()).isEqualTo(r.shardId());
      assertThat(ack.sequenceNumber()).isEqualTo(r.sequenceNumber());
    }
  }

  @Test
  @Order(2)
  void brokerKill9AndRestartLoseNoAcknowledgedRecord() throws Exception {
    client.createStream("durable", 4, 0, 0, StreamMode.PROVISIONED);
    Map<String, PutResult> acked = new ConcurrentHashMap<>();
    AtomicBoolean producing = new AtomicBoolean(true);
    ProducerOptions options = ProducerOptions.defaults();
    CompletableFuture<Void> writer;
    try (Producer producer = client.newProducer("durable", options)) {
      writer = CompletableFuture.runAsync(() -> {
        int i = 0;
        while (producing.get()) {
          String data = "d-" + i++;
          producer.send(UUID.randomUUID().toString(), data.getBytes(StandardCharsets.UTF_8))
              .thenAccept(r -> { if (r.succeeded()) { acked.put(data, r); } });
        }
      });
      await().atMost(Duration.ofSeconds(60)).until(() -> acked.size() >= 5_000);
      processes.get("b1").kill9();
      Map<String, Long> highestBeforeKill = highestSequencePerShard(acked);
      startBroker(1).awaitReady();
      // Writes resume on every shard, including those of the restarted broker.
      await().atMost(Duration.ofSeconds(90)).until(() -> {
        Map<String, Long> now = highestSequencePerShard(acked);
        return now.size() == 4 && highestBeforeKill.entrySet().stream()
            .allMatch(e -> now.get(e.getKey()) > e.getValue() + 500);
      });
      producing.set(false);
      writer.get(30, TimeUnit.SECONDS);
      producer.flush();
    }
    // The producer is idempotent, so retries through the kill write nothing twice: every
    // acknowledged record is read exactly once, at the position its acknowledgement named (a
    // duplicate answered without a number, sequence -1, must still be there once).
    Map<String, String> byPosition = new HashMap<>();
    Map<String, Integer> copies = new HashMap<>();
    for (ReceivedRecord r : readAll("durable", acked.size())) {
      String data = new String(r.data(), StandardCharsets.UTF_8);
      byPosition.put(r.shardId() + "/" + r.sequenceNumber(), data);
      copies.merge(data, 1, Integer::sum);
    }
    List<String> lost = acked.entrySet().stream()
        .filter(e -> e.getValue().sequenceNumber() >= 0
            ? !e.getKey().equals(byPosition.get(e.getValue().shardId() + "/" + e.getValue().sequenceNumber()))
            : !copies.containsKey(e.getKey()))
        .map(Map.Entry::getKey).limit(20).toList();
    assertThat(lost).as("acknowledged records not found where acknowledged after kill -9 and restart").isEmpty();
    List<String> duplicated = copies.entrySet().stream().filter(e -> e.getValue() > 1)
        .map(e -> e.getKey() + " x" + e.getValue()).limit(20).toList();
    assertThat(duplicated).as("records written twice by retries through the kill").isEmpty();
  }

  @Test
  @Order(3)
  void standbyServesAdministrationWithinTenSecondsOfLeaderKill() throws Exception {
    ClusterStatus status = client.clusterStatus();
    String leaderId = status.getCoordinatorsList().stream()
        .filter(CoordinatorInfo::getLeader).findFirst().orElseThrow().getId();
    TribProcess leader = processes.values().stream()
        .filter(p -> p.alive() && leaderAddressOf(status, leaderId).equals(p.address()))
        .findFirst().orElseThrow();
    leader.kill9();
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
        .until(() -> client.createStream("after-failover", 2, 0, 0, StreamMode.PROVISIONED).getShardsCount() == 2);
    assertThat(client.listStreams()).extracting(s -> s.getName()).contains("events", "durable", "after-failover");
  }

  private static Map<String, Long> highestSequencePerShard(Map<String, PutResult> acked) {
    Map<String, Long> highest = new HashMap<>();
    for (PutResult r : acked.values()) {
      highest.merge(r.shardId(), r.sequenceNumber(), Math::max);
    }
    return highest;
  }

  private static String leaderAddressOf(ClusterStatus status, String id) {
    return status.getCoordinatorsList().stream().filter(c -> c.getId().equals(id)).findFirst().orElseThrow().getAddress();
  }

  private static Map<String, PutResult> produce(String stream, int count) throws Exception {
    Map<String, PutResult> acked = new ConcurrentHashMap<>();
    List<CompletableFuture<PutResult>> futures = new ArrayList<>();
    try (Producer producer = client.newProducer(stream, ProducerOptions.defaults())) {
      for (int i = 0; i < count; i++) {
        String data = "r-" + i;
        futures.add(producer.send(UUID.randomUUID().toString(), data.getBytes(StandardCharsets.UTF_8))
            .whenComplete((r, e) -> { if (r != null) { acked.put(data, r); } }));
      }
      producer.flush();
    }
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    return acked;
  }

  /**
   * Reads every shard until {@code expectedDistinct} different records came back; checks on the way
   * that each shard's sequence numbers strictly increase.
   */
  private static List<ReceivedRecord> readAll(String stream, int expectedDistinct) {
    List<ReceivedRecord> all = new ArrayList<>();
    Set<String> distinct = new HashSet<>();
    Map<String, Long> lastSequence = new HashMap<>();
    try (StreamReader reader = client.newStreamReader(stream, Position.trimHorizon())) {
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        for (ReceivedRecord r : reader.poll(10_000)) {
          Long previous = lastSequence.put(r.shardId(), r.sequenceNumber());
          assertThat(previous == null || previous < r.sequenceNumber())
              .as("shard %s order: %s then %s", r.shardId(), previous, r.sequenceNumber()).isTrue();
          distinct.add(new String(r.data(), StandardCharsets.UTF_8));
          all.add(r);
        }
        return distinct.size() >= expectedDistinct;
      });
    }
    return all;
  }

  private static Map<String, HashKeyRange> ranges(StreamDescription stream) {
    Map<String, HashKeyRange> ranges = new HashMap<>();
    for (ShardInfo s : stream.getShardsList()) {
      ranges.put(s.getShardId(), new HashKeyRange(
          HashKey.of(new BigInteger(s.getHashKeyRange().getStartingHashKey())),
          HashKey.of(new BigInteger(s.getHashKeyRange().getEndingHashKey()))));
    }
    return ranges;
  }

  private static TribProcess startBroker(int id) throws Exception {
    return start("b" + id, "broker", "--id", String.valueOf(id), "--port", "0", "--no-quotas",
        "--dir", dir.resolve("b" + id).toString());
  }

  private static TribProcess start(String name, String role, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(role, "--zookeeper", zookeeper.getConnectString(), "--cluster", CLUSTER));
    command.addAll(List.of(args));
    Map<String, String> env = Map.of("TRIB_ZOOKEEPER_SESSION_TIMEOUT", "4s", "TRIB_COORDINATOR_ID", name);
    TribProcess p = TribProcess.start(name + "-" + System.nanoTime(), dir, env, command.toArray(String[]::new));
    p.awaitReady();
    processes.put(name, p);
    return p;
  }
}

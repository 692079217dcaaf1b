package io.tributary.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.client.ClientOptions;
import io.tributary.client.Producer;
import io.tributary.client.ProducerOptions;
import io.tributary.client.TributaryClient;
import io.tributary.common.zk.ZkPaths;
import io.tributary.common.zk.ZooKeeperClients;
import io.tributary.proto.v1.ShardInfo;
import io.tributary.proto.v1.ShardState;
import io.tributary.proto.v1.StreamDescription;
import io.tributary.proto.v1.StreamMode;
import io.tributary.proto.v1.StreamStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resharding under load with a consumer application of separate {@code trib stream tail}
 * processes: a stream goes from 2 to 5 shards, one is split, two are merged, then it is scaled to
 * 3, while a producer writes and one member is killed with SIGKILL and another joins. Checks:
 * every acknowledged record is processed, each key's records are first processed in the order they
 * were written, duplicates only follow the killed member's last checkpoint, and after a clean stop
 * every shard is checkpointed to its end.
 */
class ReshardingConsumerAppIT {
  private static final String STREAM = "reshard";
  private static final String APP = "audit";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private final List<TribProcess> processes = new ArrayList<>();
  /** Every processed record line: instance, arrival order, shard, sequence, data. */
  private final ConcurrentLinkedQueue<Processed> processed = new ConcurrentLinkedQueue<>();
  /** Last checkpoint each instance printed, per shard. */
  private final Map<String, Map<String, String>> checkpoints = new ConcurrentHashMap<>();
  private final AtomicLong arrival = new AtomicLong();

  record Processed(String instance, long order, String shard, long sequence, String data) {}

  @AfterEach
  void stopAll() throws Exception {
    for (TribProcess p : processes) {
      p.close();
    }
  }

  @Test
  void everyRecordProcessedInKeyOrderThroughReshardingAndMemberChanges() throws Exception {
    TribProcess local = TribProcess.start("local", dir, Map.of(),
        "local", "--dir", dir.resolve("data").toString(), "--brokers", "2", "--port-base", "0");
    processes.add(local);
    local.awaitReady();
    String coordinator = local.readyLine().split(" ")[1].replace("coordinator=", "");
    try (TributaryClient client = TributaryClient.connect(ClientOptions.of(coordinator))) {
      client.createStream(STREAM, 2, 0, 0, StreamMode.PROVISIONED);
      TribProcess i1 = tail(coordinator, "i1");
      TribProcess i2 = tail(coordinator, "i2");
      tail(coordinator, "i3");

      Map<String, Long> acked = new ConcurrentHashMap<>();
      AtomicBoolean producing = new AtomicBoolean(true);
      var pool = Executors.newSingleThreadExecutor();
      Future<?> writer = pool.submit(() -> produce(client, acked, producing));
      try {
        awaitProcessed(acked, 2_000);
        reshard(client, () -> client.updateShardCount(STREAM, 5));
        // Kill a member while it holds leases of the new generation, so others must take over.
        await().atMost(Duration.ofSeconds(60)).until(() -> processed.stream()
            .anyMatch(p -> p.instance().equals("i2") && !p.shard().endsWith("00000") && !p.shard().endsWith("00001")));
        i2.kill9();
        awaitProcessed(acked, acked.size() + 2_000);
        reshard(client, () -> client.splitShard(STREAM, openShards(client).get(0).getShardId(), null));
        tail(coordinator, "i4");
        List<ShardInfo> open = openShards(client);
        reshard(client, () -> client.mergeShards(STREAM, open.get(1).getShardId(), open.get(2).getShardId()));
        reshard(client, () -> client.updateShardCount(STREAM, 3));
        awaitProcessed(acked, acked.size() + 2_000);
      } finally {
        producing.set(false);
        writer.get(60, TimeUnit.SECONDS);
        pool.shutdown();
      }
      await().atMost(Duration.ofSeconds(120)).until(() -> processedData().containsAll(acked.keySet()));
      for (TribProcess p : processes.subList(1, processes.size())) {
        p.close();
      }
      System.out.printf("processed %d records (%d acknowledged), %d by the killed member%n",
          processed.size(), acked.size(), processed.stream().filter(p -> p.instance().equals("i2")).count());
      System.out.println("checkpoints printed by the killed member: " + checkpoints.get("i2"));
      assertKeyOrder();
      assertDuplicatesOnlyAfterTheKilledMembersCheckpoints("i2");
      assertEveryShardCheckpointedToItsEnd(client);
    }
  }

  private void produce(TributaryClient client, Map<String, Long> acked, AtomicBoolean producing) {
    Map<String, Long> counters = new HashMap<>();
    try (Producer producer = client.newProducer(STREAM, ProducerOptions.defaults())) {
      long n = 0;
      while (producing.get()) {
        String key = "k" + (n++ % 50);
        long counter = counters.merge(key, 1L, Long::sum);
        String data = key + ":" + counter;
        producer.send(key, data.getBytes(StandardCharsets.UTF_8))
            .thenAccept(r -> acked.put(data, r.sequenceNumber()));
        if (n % 100 == 0) {
          producer.flush();
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(40)); // pace: about 2,000 records/s
        }
      }
      producer.flush();
    }
  }

  private void reshard(TributaryClient client, Runnable change) {
    change.run();
    await().atMost(Duration.ofSeconds(60)).until(
        () -> client.describeStream(STREAM, false).getStatus() == StreamStatus.ACTIVE);
  }

  private static List<ShardInfo> openShards(TributaryClient client) {
    StreamDescription d = client.describeStream(STREAM, false);
    return d.getShardsList().stream().filter(s -> s.getState() == ShardState.OPEN)
        .sorted((a, b) -> new java.math.BigInteger(a.getHashKeyRange().getStartingHashKey())
            .compareTo(new java.math.BigInteger(b.getHashKeyRange().getStartingHashKey())))
        .toList();
  }

  private void awaitProcessed(Map<String, Long> acked, int atLeast) {
    await().atMost(Duration.ofSeconds(90)).until(() -> acked.size() >= atLeast && processed.size() >= atLeast);
  }

  private Set<String> processedData() {
    Set<String> data = new HashSet<>();
    for (Processed p : processed) {
      data.add(p.data());
    }
    return data;
  }

  /** Each key's records, in the order they were first processed, carry increasing counters. */
  private void assertKeyOrder() {
    List<Processed> inOrder = new ArrayList<>(processed);
    inOrder.sort((a, b) -> Long.compare(a.order(), b.order()));
    Map<String, Long> lastCounter = new HashMap<>();
    Set<String> seen = new HashSet<>();
    List<String> outOfOrder = new ArrayList<>();
    for (Processed p : inOrder) {
      if (!seen.add(p.data())) {
        continue; // a repeat after a lost lease; its first processing is what orders it
      }
      String[] parts = p.data().split(":");
      long counter = Long.parseLong(parts[1]);
      Long previous = lastCounter.put(parts[0], counter);
      if (previous != null && previous > counter) {
        outOfOrder.add(p.data() + " after " + parts[0] + ":" + previous);
      }
    }
    assertThat(outOfOrder).as("records of a key first processed out of order").isEmpty();
  }

  private void assertDuplicatesOnlyAfterTheKilledMembersCheckpoints(String killed) {
    Map<String, Integer> times = new HashMap<>();
    Map<String, Processed> any = new HashMap<>();
    for (Processed p : processed) {
      String position = p.shard() + "/" + p.sequence();
      times.merge(position, 1, Integer::sum);
      if (p.instance().equals(killed)) {
        any.put(position, p);
      }
    }
    Map<String, String> killedCheckpoints = checkpoints.getOrDefault(killed, Map.of());
    List<String> unexplained = new ArrayList<>();
    times.forEach((position, count) -> {
      if (count == 1) {
        return;
      }
      Processed byKilled = any.get(position);
      String checkpoint = byKilled == null ? null : killedCheckpoints.get(byKilled.shard());
      boolean afterCheckpoint = byKilled != null
          && (checkpoint == null || (!checkpoint.equals("SHARD_END") && byKilled.sequence() > Long.parseLong(checkpoint)));
      if (!afterCheckpoint) {
        unexplained.add(position + " x" + count);
      }
    });
    assertThat(unexplained).as("records processed twice that were not after the killed member's checkpoint").isEmpty();
  }

  private void assertEveryShardCheckpointedToItsEnd(TributaryClient client) throws Exception {
    var status = client.clusterStatus();
    StreamDescription d = client.describeStream(STREAM, true);
    ZkPaths paths = new ZkPaths(status.getCluster());
    try (CuratorFramework zk = ZooKeeperClients.connect(status.getZookeeper(), Duration.ofSeconds(6), Duration.ofSeconds(15))) {
      for (ShardInfo shard : d.getShardsList()) {
        String node = paths.applicationCheckpoints(STREAM, APP) + "/" + shard.getShardId();
        String checkpoint = new String(zk.getData().forPath(node), StandardCharsets.UTF_8);
        if (shard.getState() == ShardState.CLOSED) {
          assertThat(checkpoint).as("checkpoint of closed %s", shard.getShardId()).isEqualTo("SHARD_END");
        } else {
          assertThat(Long.parseLong(checkpoint)).as("checkpoint of open %s", shard.getShardId())
              .isEqualTo(shard.getNextSequenceNumber() - 1);
        }
      }
    }
  }

  private TribProcess tail(String coordinator, String instance) throws Exception {
    TribProcess p = TribProcess.start(instance, dir, Map.of(), line -> onLine(instance, line),
        "--coordinator", coordinator, "--output", "json", "stream", "tail", STREAM, "--app", APP, "--instance", instance);
    processes.add(p);
    p.awaitReady();
    return p;
  }

  private void onLine(String instance, String line) {
    try {
      JsonNode node = JSON.readTree(line);
      if (node.has("checkpoint")) {
        JsonNode c = node.get("checkpoint");
        checkpoints.computeIfAbsent(instance, i -> new ConcurrentHashMap<>()).put(c.get("shard").asText(), c.get("sequence").asText());
      } else if (node.has("data")) {
        processed.add(new Processed(instance, arrival.incrementAndGet(), node.get("shard").asText(),
            node.get("sequence").asLong(), node.get("data").asText()));
      }
    } catch (IOException e) {
      throw new IllegalStateException("tail printed a line that is not JSON: " + line, e);
    }
  }
}

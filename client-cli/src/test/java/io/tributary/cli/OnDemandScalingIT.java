package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.cli.local.LocalCluster;
import io.tributary.client.ClientOptions;
import io.tributary.client.Producer;
import io.tributary.client.ProducerOptions;
import io.tributary.client.PutResult;
import io.tributary.client.TributaryClient;
import io.tributary.common.stream.HashKey;
import io.tributary.common.time.ManualClock;
import io.tributary.coordinator.CoordinatorServer;
import io.tributary.proto.v1.ScalingEvent;
import io.tributary.proto.v1.ShardInfo;
import io.tributary.proto.v1.ShardState;
import io.tributary.proto.v1.StreamDescription;
import io.tributary.proto.v1.StreamMode;
import io.tributary.proto.v1.StreamStatus;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On-demand scaling on a whole cluster whose processes share a manual clock: load on one hot
 * partition key well above a shard's 1,000 records/s (of clock time) splits its shard, more load
 * within the cooldown changes nothing, and load after the cooldown splits again. The scaler is run
 * by hand; its timer is set too slow to act during the test.
 */
class OnDemandScalingIT {
  private static final String STREAM = "hot";
  private static final String HOT_KEY = "the-hot-key";
  private static final Duration COOLDOWN = Duration.ofSeconds(60);
  /** 500 records every 250 ms of clock time: 2,000 records/s, twice a shard's capacity. */
  private static final int BATCH = 500;
  private static final Duration STEP = Duration.ofMillis(250);

  private final ManualClock clock = new ManualClock(1_800_000_000_000L);
  private LocalCluster cluster;
  private TributaryClient client;

  @BeforeEach
  void start() {
    cluster = LocalCluster.builder().brokers(1).quotas(false).clock(clock)
        .set("coordinator.on-demand.interval", "1h")
        .set("coordinator.on-demand.cooldown", COOLDOWN.toSeconds() + "s")
        .start();
    client = TributaryClient.connect(ClientOptions.of(cluster.coordinatorAddress()));
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void hotShardIsSplitThenNothingWithinTheCooldownThenSplitAgain() throws Exception {
    client.createStream(STREAM, 2, 0, 0, StreamMode.ON_DEMAND, 1, 8);
    String hotShard = shardOf(HOT_KEY, client.describeStream(STREAM, false));

    driveLoad(Duration.ofSeconds(11));
    scaler().runOnDemandScaler();

    StreamDescription afterFirst = awaitActiveWith(3);
    assertThat(afterFirst.getScalingEventsCount()).isEqualTo(1);
    ScalingEvent split = afterFirst.getScalingEvents(0);
    assertThat(split.getAction()).isEqualTo("split");
    assertThat(split.getClosedShardIdsList()).containsExactly(hotShard);
    assertThat(split.getCreatedShardIdsList()).hasSize(2);
    assertThat(split.getAtMillis()).isEqualTo(clock.millis());

    driveLoad(Duration.ofSeconds(11));
    scaler().runOnDemandScaler();

    StreamDescription withinCooldown = client.describeStream(STREAM, false);
    assertThat(withinCooldown.getStatus()).isEqualTo(StreamStatus.ACTIVE);
    assertThat(withinCooldown.getScalingEventsCount()).as("no action within the cooldown").isEqualTo(1);
    assertThat(withinCooldown.getOpenShardCount()).isEqualTo(3);

    clock.advance(COOLDOWN.minusSeconds(20));
    driveLoad(Duration.ofSeconds(11));
    assertThat(clock.millis() - split.getAtMillis()).isGreaterThan(COOLDOWN.toMillis());
    scaler().runOnDemandScaler();

    StreamDescription afterCooldown = awaitActiveWith(4);
    assertThat(afterCooldown.getScalingEventsCount()).isEqualTo(2);
    ScalingEvent second = afterCooldown.getScalingEvents(0);
    assertThat(second.getAction()).isEqualTo("split");
    assertThat(second.getClosedShardIdsList()).containsExactly(shardOf(HOT_KEY, afterFirst));
    assertThat(second.getReason()).contains(shardOf(HOT_KEY, afterFirst));

    TestCli.Result described = TestCli.run("--coordinator", cluster.coordinatorAddress(), "stream", "describe", STREAM);
    assertThat(described.out()).contains("Scaling history (newest first):", "Mode:         on-demand (1 to 8 shards)");
  }

  /** Writes to the hot key at 2,000 records/s of clock time for {@code length} of clock time. */
  private void driveLoad(Duration length) throws Exception {
    byte[] data = "x".repeat(100).getBytes(StandardCharsets.UTF_8);
    List<CompletableFuture<PutResult>> sent = new ArrayList<>();
    try (Producer producer = client.newProducer(STREAM, ProducerOptions.defaults())) {
      for (long steps = length.dividedBy(STEP); steps > 0; steps--) {
        for (int i = 0; i < BATCH; i++) {
          sent.add(producer.send(HOT_KEY, data));
        }
        producer.flush();
        clock.advance(STEP);
      }
    }
    for (CompletableFuture<PutResult> f : sent) {
      assertThat(f.get(60, TimeUnit.SECONDS).succeeded()).isTrue();
    }
  }

  private CoordinatorServer scaler() {
    return cluster.coordinator(0).orElseThrow();
  }

  private StreamDescription awaitActiveWith(int openShards) {
    return await().atMost(Duration.ofSeconds(60)).until(() -> client.describeStream(STREAM, false),
        d -> d.getStatus() == StreamStatus.ACTIVE && d.getOpenShardCount() == openShards);
  }

  private static String shardOf(String key, StreamDescription d) {
    BigInteger hash = HashKey.ofPartitionKey(key).toBigInteger();
    for (ShardInfo s : d.getShardsList()) {
      if (s.getState() == ShardState.OPEN
          && hash.compareTo(new BigInteger(s.getHashKeyRange().getStartingHashKey())) >= 0
          && hash.compareTo(new BigInteger(s.getHashKeyRange().getEndingHashKey())) <= 0) {
        return s.getShardId();
      }
    }
    throw new AssertionError("no open shard holds key " + key + " in " + d);
  }
}

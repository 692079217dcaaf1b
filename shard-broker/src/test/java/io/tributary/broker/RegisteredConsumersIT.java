package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.grpc.GrpcErrors;
import io.tributary.common.time.ManualClock;
import io.tributary.proto.v1.IteratorType;
import io.tributary.proto.v1.Record;
import io.tributary.proto.v1.ShardDataGrpc;
import io.tributary.proto.v1.StartingPosition;
import io.tributary.proto.v1.SubscribeRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Subscriptions of registered consumers: only registered names, one subscription per consumer and
 * shard, a read quota of their own (here 1000 bytes/s, on a manual clock), and an end when the
 * consumer is deregistered.
 */
class RegisteredConsumersIT {
  private static final String SHARD0 = "shardId-000000000000";
  private static final Duration WAIT = Duration.ofSeconds(20);
  @RegisterExtension static final TestZooKeeper ZOOKEEPER = new TestZooKeeper();

  @TempDir Path dir;
  private final ManualClock clock = new ManualClock(1_800_000_000_000L);
  private ZkFixture zk;
  private BrokerFixture broker;

  @BeforeEach
  void start() throws Exception {
    String cluster = ZOOKEEPER.newCluster("consumers");
    zk = new ZkFixture(ZOOKEEPER.connectString(), cluster);
    broker = BrokerFixture.start(ZOOKEEPER.connectString(), cluster, 7, dir, clock,
        Map.of(BrokerConfig.QUOTA_ENABLED.name(), "true", BrokerConfig.QUOTA_SUBSCRIBE_BYTES.name(), "1000"));
    zk.createStream("s", "uid-1", 1, 7);
    broker.awaitLeading("s", 1);
  }

  @AfterEach
  void stop() {
    broker.close();
    zk.close();
  }

  @Test
  void aConsumerThatIsNotRegisteredIsNotFound() {
    SubscriptionProbe probe = subscribe("ghost");

    await().atMost(WAIT).until(() -> probe.error() != null);
    assertError(probe, ErrorCode.RESOURCE_NOT_FOUND,
        "consumer 'ghost' is not registered on stream 's'; register it with 'trib consumer register s ghost'");
  }

  @Test
  void aConsumerRegisteredJustBeforeSubscribingIsServed() throws Exception {
    register("eager");
    SubscriptionProbe probe = subscribe("eager");
    broker.put("s", SHARD0, "k", "v");

    await().atMost(WAIT).until(() -> probe.records().size() == 1);
    assertThat(probe.error()).isNull();
  }

  @Test
  void aNewerSubscriptionOfTheSameConsumerTakesOver() throws Exception {
    register("app");
    SubscriptionProbe older = subscribe("app");
    broker.put("s", SHARD0, "k", "1");
    await().atMost(WAIT).until(() -> older.records().size() == 1);
    SubscriptionProbe anonymous = subscribe("");

    SubscriptionProbe newer = subscribe("app");

    await().atMost(WAIT).until(() -> older.error() != null);
    assertError(older, ErrorCode.RESOURCE_IN_USE,
        "a newer subscription of consumer 'app' to shard shardId-000000000000 of stream 's' took over");
    broker.put("s", SHARD0, "k", "2");
    await().atMost(WAIT).until(() -> newer.records().size() == 2 && anonymous.records().size() == 2);
    assertThat(newer.error()).isNull();
    assertThat(anonymous.error()).isNull();
  }

  @Test
  void deregisteringAConsumerEndsItsSubscriptions() throws Exception {
    register("leaving");
    SubscriptionProbe probe = subscribe("leaving");
    SubscriptionProbe anonymous = subscribe("");
    broker.put("s", SHARD0, "k", "v");
    await().atMost(WAIT).until(() -> probe.records().size() == 1);

    zk.client().delete().forPath(zk.paths().registeredConsumer("s", "leaving"));

    await().atMost(WAIT).until(() -> probe.error() != null);
    assertError(probe, ErrorCode.RESOURCE_NOT_FOUND, "consumer 'leaving' was deregistered from stream 's'");
    assertThat(anonymous.error()).isNull();
  }

  @Test
  void aConsumerReadsAtItsQuotaWhileAnonymousSubscriptionsAreUnpaced() throws Exception {
    register("paced");
    for (int i = 0; i < 10; i++) {
      broker.put("s", SHARD0, "k", "x".repeat(400));
    }

    SubscriptionProbe paced = subscribe("paced");
    SubscriptionProbe anonymous = subscribe("");

    // 1000 bytes of tokens: two records fit, a third overdraws, then the pump waits for the clock.
    await().atMost(WAIT).until(() -> anonymous.records().size() == 10);
    await().atMost(WAIT).during(Duration.ofMillis(300)).until(() -> paced.records().size() == 3);
    await().atMost(WAIT).until(() -> {
      clock.advance(Duration.ofMillis(200));
      return paced.records().size() == 10;
    });
    assertThat(paced.records()).extracting(Record::getSequenceNumber)
        .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    assertThat(paced.error()).isNull();
  }

  private void register(String consumer) throws Exception {
    String json = "{\"name\":\"" + consumer + "\",\"stream\":\"s\",\"createdMillis\":" + clock.millis() + "}";
    zk.client().create().creatingParentsIfNeeded()
        .forPath(zk.paths().registeredConsumer("s", consumer), json.getBytes(StandardCharsets.UTF_8));
  }

  private SubscriptionProbe subscribe(String consumer) {
    SubscriptionProbe probe = new SubscriptionProbe(false);
    ShardDataGrpc.newStub(broker.channel()).subscribe(
        SubscribeRequest.newBuilder().setStream("s").setShardId(SHARD0).setConsumerName(consumer)
            .setPosition(StartingPosition.newBuilder().setType(IteratorType.TRIM_HORIZON)).build(),
        probe);
    return probe;
  }

  private static void assertError(SubscriptionProbe probe, ErrorCode code, String messagePart) {
    TributaryException error = GrpcErrors.fromGrpc(probe.error());
    assertThat(error.code()).isEqualTo(code);
    assertThat(error.getMessage()).contains(messagePart);
  }
}

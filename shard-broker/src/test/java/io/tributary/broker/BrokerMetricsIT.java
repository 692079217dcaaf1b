package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.common.config.CommonKeys;
import io.tributary.common.time.ManualClock;
import io.tributary.proto.v1.IteratorType;
import io.tributary.proto.v1.ShardDataGrpc;
import io.tributary.proto.v1.StartingPosition;
import io.tributary.proto.v1.SubscribeRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A real broker serving Prometheus metrics: the counters move by what the requests did. */
class BrokerMetricsIT {
  private static final String SHARD0 = "shardId-000000000000";
  @RegisterExtension static final TestZooKeeper ZOOKEEPER = new TestZooKeeper();

  @TempDir Path dir;
  private final ManualClock clock = new ManualClock(1_800_000_000_000L);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private String cluster;
  private ZkFixture zk;

  @BeforeEach
  void connect() {
    cluster = ZOOKEEPER.newCluster("metrics");
    zk = new ZkFixture(ZOOKEEPER.connectString(), cluster);
  }

  @AfterEach
  void disconnect() {
    zk.close();
  }

  @Test
  void countsPutsDuplicatesAndReadsPerShard() throws Exception {
    String url;
    try (BrokerFixture broker = start(Map.of(CommonKeys.METRICS_PORT.name(), "0"))) {
      assertThat(broker.broker().metricsPort()).isPositive();
      url = "http://127.0.0.1:" + broker.broker().metricsPort() + "/metrics";
      zk.createStream("m", "uid-m", 1, 1);
      broker.awaitLeading("m", 1);
      broker.put("m", SHARD0, "k1", "v1", "k2", "v22", "k3", "v333");
      broker.putIdempotent("m", SHARD0, 9, 1, "a", "b");
      broker.putIdempotent("m", SHARD0, 9, 1, "a", "b");
      assertThat(broker.get(broker.trimHorizon("m", SHARD0), 100).getRecordCount()).isEqualTo(5);
      SubscriptionProbe probe = new SubscriptionProbe(false);
      ShardDataGrpc.newStub(broker.channel()).subscribe(
          SubscribeRequest.newBuilder().setStream("m").setShardId(SHARD0)
              .setPosition(StartingPosition.newBuilder().setType(IteratorType.TRIM_HORIZON)).build(),
          probe);
      // The broker counts an event once it has handed it to gRPC, so the client may see it first.
      await().atMost(Duration.ofSeconds(10))
          .until(() -> value(scrape(url), "tributary_broker_subscription_records_total") == 5);

      String body = scrape(url);
      assertThat(value(body, "tributary_broker_records_appended_total")).isEqualTo(5);
      assertThat(value(body, "tributary_broker_bytes_appended_total")).isEqualTo(4 + 5 + 6 + 3 + 3);
      assertThat(value(body, "tributary_broker_put_requests_total")).isEqualTo(3);
      assertThat(value(body, "tributary_broker_duplicate_records_total")).isEqualTo(2);
      assertThat(value(body, "tributary_broker_get_records_calls_total")).isEqualTo(1);
      assertThat(value(body, "tributary_broker_records_served_total")).isEqualTo(5);
      assertThat(value(body, "tributary_broker_throttled_records_total")).isZero();
      assertThat(value(body, "tributary_broker_shard_log_bytes")).isPositive();
      assertThat(value(body, "tributary_broker_subscription_bytes_total")).isPositive();
      assertThat(value(body, "tributary_broker_subscriptions_active")).isEqualTo(1);
      probe.cancel();
      assertThat(body).contains("tributary_broker_shards_led{stream=\"m\"} 1.0")
          .contains("jvm_memory_used_bytes");
    }
    assertThatThrownBy(() -> scrape(url)).isInstanceOf(IOException.class);
  }

  @Test
  void servesNoMetricsByDefault() {
    try (BrokerFixture broker = start(Map.of())) {
      assertThat(broker.broker().metricsPort()).isEqualTo(-1);
    }
  }

  private BrokerFixture start(Map<String, String> overrides) {
    return BrokerFixture.start(ZOOKEEPER.connectString(), cluster, 1, dir, clock, overrides);
  }

  private String scrape(String url) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  /** The value of {@code name} for shard 0 of stream m. */
  private static double value(String body, String name) {
    return body.lines()
        .filter(line -> line.startsWith(name + "{") && line.contains("stream=\"m\"") && line.contains(SHARD0))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " for shard 0 of stream m is missing from:\n" + body));
  }
}

package io.tributary.coordinator;

import static io.tributary.coordinator.CoordinatorTestKit.create;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.StatusRuntimeException;
import io.tributary.common.config.CommonKeys;
import io.tributary.proto.v1.DescribeStreamRequest;
import io.tributary.proto.v1.SplitShardRequest;
import io.tributary.proto.v1.StreamStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A real coordinator serving Prometheus metrics: leadership, cluster size, admin calls and resharding. */
class CoordinatorMetricsIT {
  @RegisterExtension static final TestZooKeeper ZOOKEEPER = new TestZooKeeper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private CoordinatorTestKit kit;
  private FakeShardStatsBroker broker;

  @BeforeEach
  void start() throws Exception {
    kit = new CoordinatorTestKit(ZOOKEEPER.server());
    broker = new FakeShardStatsBroker(true);
    kit.registerBroker(1, broker.address());
  }

  @AfterEach
  void stop() {
    kit.close();
    broker.close();
  }

  @Test
  void countsAdminCallsByOutcomeAndReshardsAndShowsTheCluster() throws Exception {
    CoordinatorServer coordinator = kit.startLeader(Map.of(CommonKeys.METRICS_PORT.name(), "0"));
    String url = "http://127.0.0.1:" + coordinator.metricsPort() + "/metrics";
    kit.streams(coordinator).createStream(create("clicks", 2));
    assertThatThrownBy(() -> kit.streams(coordinator).createStream(create("clicks", 2)))
        .isInstanceOf(StatusRuntimeException.class);
    kit.streams(coordinator).splitShard(
        SplitShardRequest.newBuilder().setStream("clicks").setShardId("1").build());
    await().atMost(Duration.ofSeconds(15)).until(() -> kit.streams(coordinator)
        .describeStream(DescribeStreamRequest.newBuilder().setName("clicks").build()).getStatus() == StreamStatus.ACTIVE);

    String body = scrape(url);
    assertThat(value(body, "tributary_coordinator_admin_requests_total{method=\"CreateStream\",outcome=\"OK\"}"))
        .isEqualTo(1);
    assertThat(value(body,
        "tributary_coordinator_admin_requests_total{method=\"CreateStream\",outcome=\"ResourceInUse\"}"))
        .isEqualTo(1);
    assertThat(value(body, "tributary_coordinator_admin_requests_total{method=\"SplitShard\",outcome=\"OK\"}"))
        .isEqualTo(1);
    assertThat(value(body, "tributary_coordinator_reshards_total{kind=\"split\",origin=\"operator\"}")).isEqualTo(1);
    assertThat(value(body, "tributary_coordinator_is_leader")).isEqualTo(1);
    assertThat(value(body, "tributary_coordinator_leader_epoch")).isEqualTo(coordinator.leaderEpoch().getAsLong());
    assertThat(value(body, "tributary_coordinator_streams")).isEqualTo(1);
    assertThat(value(body, "tributary_coordinator_open_shards")).isEqualTo(3);
    assertThat(value(body, "tributary_coordinator_live_brokers")).isEqualTo(1);
    assertThat(body).contains("jvm_threads_current");

    coordinator.close();
    assertThatThrownBy(() -> scrape(url)).isInstanceOf(IOException.class);
  }

  @Test
  void aStandbyShowsItIsNotLeaderAndMetricsAreOffByDefault() throws Exception {
    CoordinatorServer leader = kit.startLeader();
    CoordinatorServer standby = kit.startCoordinator(Map.of(CommonKeys.METRICS_PORT.name(), "0"));
    assertThat(leader.metricsPort()).isEqualTo(-1);
    String body = scrape("http://127.0.0.1:" + standby.metricsPort() + "/metrics");
    assertThat(value(body, "tributary_coordinator_is_leader")).isZero();
    assertThat(body.lines()).noneMatch(line -> line.startsWith("tributary_coordinator_leader_epoch "));
  }

  private String scrape(String url) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  /** The value of the sample {@code series} (name and labels as the text format writes them). */
  private static double value(String body, String series) {
    return body.lines()
        .filter(line -> line.startsWith(series + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
        .findFirst()
        .orElseThrow(() -> new AssertionError(series + " is missing from:\n" + body));
  }
}

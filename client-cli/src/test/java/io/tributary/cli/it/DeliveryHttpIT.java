package io.tributary.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.delivery.spec.DeliverySpec;
import io.tributary.delivery.testing.HttpTestEndpoint;
import io.tributary.delivery.testing.HttpTestEndpoint.Received;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Delivery streams to an HTTP endpoint (Firehose's HTTP endpoint protocol, served by the test) on
 * real processes: 100,000 records arrive at least once through a worker kill -9, every duplicate a
 * request sent again with the same request id and the same records; an endpoint down for 30 s
 * receives everything once it is back, with refused requests retried under their ids, also when
 * the worker running the job is killed during the outage (the restored job sends the refused batches
 * again under the same ids while the source replays the rest); one that stays down past the retry
 * duration sends the batches to the error destination with the reason.
 */
@ExtendWith(SharedDeliveryCluster.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeliveryHttpIT {
  private static final Duration OUTAGE = Duration.ofSeconds(30);
  private static DeliveryCluster cluster;
  private static HttpTestEndpoint endpoint;
  private static HttpTestEndpoint flakyEndpoint;
  private static HttpTestEndpoint downEndpoint;
  private static HttpTestEndpoint killedDuringOutage;

  @BeforeAll
  static void start(DeliveryCluster shared) throws Exception {
    cluster = shared;
    endpoint = new HttpTestEndpoint().start();
    flakyEndpoint = new HttpTestEndpoint().start();
    downEndpoint = new HttpTestEndpoint().start();
    downEndpoint.setDown(true);
    killedDuringOutage = new HttpTestEndpoint().start();
  }

  @AfterAll
  static void stop() {
    if (endpoint != null) {
      endpoint.close();
    }
    if (flakyEndpoint != null) {
      flakyEndpoint.close();
    }
    if (downEndpoint != null) {
      downEndpoint.close();
    }
    if (killedDuringOutage != null) {
      killedDuringOutage.close();
    }
  }

  @Test
  @Order(1)
  void hundredThousandRecordsArriveThroughAWorkerKillWithDuplicatesOnlyFromRetriedRequests() throws Exception {
    Path errors = cluster.newDir("http-main-errors");
    cluster.create("http-main", args(endpoint.url(), errors));

    try {
      DeliveryWithKill.run(cluster, "http-main", () -> acceptedIds(endpoint).size());
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(e.getMessage() + "; the endpoint saw " + summary(endpoint), e);
    }

    assertDuplicatesOnlyFromRetries(endpoint, DeliveryWithKill.RECORDS);
    assertThat(DeliveryRecords.files(errors)).as("error output").isEmpty();
    cluster.delete("http-main");
  }

  @Test
  @Order(2)
  void anEndpointDownForThirtySecondsReceivesEverythingOnceItIsBackWithTheSameRequestIds() throws Exception {
    Path errors = cluster.newDir("http-outage-errors");
    cluster.create("http-outage", args(flakyEndpoint.url(), errors));
    cluster.awaitRunning("http-outage");
    cluster.put("http-outage", DeliveryRecords.range(0, 2_000));
    await().atMost(DeliveryCluster.LONG).pollInterval(Duration.ofMillis(500))
        .until(() -> !acceptedIds(flakyEndpoint).isEmpty());

    flakyEndpoint.setDown(true);
    long downAt = System.nanoTime();
    DeliveryRecords.produce(cluster.client(), DeliverySpec.backingStreamName("http-outage"),
        DeliveryRecords.range(2_000, 10_000), 1_000);
    await("an outage of " + OUTAGE + " with refused requests").atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> System.nanoTime() - downAt >= OUTAGE.toNanos() && refused(flakyEndpoint) > 0);
    flakyEndpoint.setDown(false);
    try {
      await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
          .until(() -> acceptedIds(flakyEndpoint).size() >= 10_000);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(e.getMessage() + "; the endpoint saw " + summary(flakyEndpoint), e);
    }

    assertThat(assertDuplicatesOnlyFromRetries(flakyEndpoint, 10_000))
        .as("requests refused while down and accepted later with the same id").isNotEmpty();
    assertThat(DeliveryRecords.files(errors)).as("error output").isEmpty();
    cluster.delete("http-outage");
  }

  /**
   * Every request id carries the same records on every attempt and with the header, and one copy
   * per request id is every record exactly once; returns the ids refused and later accepted.
   */
  private static Set<String> assertDuplicatesOnlyFromRetries(HttpTestEndpoint http, int count) {
    List<Received> requests = http.requests();
    Map<String, List<String>> byRequestId = new HashMap<>();
    Set<String> retriedAfterRefusal = new HashSet<>();
    Set<String> refusedIds = new HashSet<>();
    for (Received r : requests) {
      assertThat(r.headers()).as("request %s", r.requestId()).containsEntry("x-amz-firehose-request-id", r.requestId());
      List<String> records = text(r.records());
      List<String> earlier = byRequestId.putIfAbsent(r.requestId(), records);
      assertThat(earlier == null ? records : earlier).as("records of request %s on every attempt", r.requestId())
          .isEqualTo(records);
      if (r.status() == 503) {
        refusedIds.add(r.requestId());
      } else if (refusedIds.contains(r.requestId())) {
        retriedAfterRefusal.add(r.requestId());
      }
    }
    // One copy per request id: whatever arrived twice came as a retry of the same request.
    List<String> onePerRequest = new ArrayList<>();
    Set<String> accepted = new HashSet<>();
    for (Received r : requests) {
      if (r.status() == 200 && accepted.add(r.requestId())) {
        onePerRequest.addAll(text(r.records()));
      }
    }
    DeliveryRecords.assertExactlyOnce(onePerRequest, count, "the endpoint, once per request id");
    return retriedAfterRefusal;
  }

  @Test
  @Order(3)
  void aWorkerKilledWhileTheEndpointIsDownLosesNothingAndDuplicatesOnlyRetriedRequests() throws Exception {
    Path errors = cluster.newDir("http-kill-outage-errors");
    cluster.create("http-kill-outage", args(killedDuringOutage.url(), errors));
    DeliveryWithKill.Fault killDuringOutage = () -> {
      killedDuringOutage.setDown(true);
      long downAt = System.nanoTime();
      await("refused requests before the kill").atMost(DeliveryCluster.QUICK).pollInterval(Duration.ofMillis(200))
          .until(() -> refused(killedDuringOutage) > 0);
      cluster.killAWorkerOf("http-kill-outage");
      await("an outage of " + OUTAGE + " with a worker killed during it").atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(1)).until(() -> System.nanoTime() - downAt >= OUTAGE.toNanos());
      killedDuringOutage.setDown(false);
    };
    try {
      DeliveryWithKill.run(cluster, "http-kill-outage", () -> acceptedIds(killedDuringOutage).size(),
          killDuringOutage);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(e.getMessage() + "; the endpoint saw " + summary(killedDuringOutage), e);
    }

    assertThat(assertDuplicatesOnlyFromRetries(killedDuringOutage, DeliveryWithKill.RECORDS))
        .as("requests refused while down and accepted later with the same id").isNotEmpty();
    assertThat(DeliveryRecords.files(errors)).as("error output").isEmpty();
    cluster.delete("http-kill-outage");
  }

  @Test
  @Order(4)
  void anEndpointDownPastTheRetryDurationSendsTheBatchesToTheErrorPrefixWithTheReason() throws Exception {
    Path errors = cluster.newDir("http-down-errors");
    List<String> args = new ArrayList<>(List.of(args(downEndpoint.url(), errors)));
    args.addAll(List.of("--retry-duration", "5s"));
    cluster.create("http-down", args.toArray(String[]::new));
    cluster.awaitRunning("http-down");
    List<String> input = DeliveryRecords.range(0, 500);
    cluster.put("http-down", input);

    List<JsonNode> failed = new ArrayList<>();
    await().atMost(DeliveryCluster.LONG).pollInterval(Duration.ofSeconds(1)).until(() -> {
      failed.clear();
      failed.addAll(DeliveryRecords.errorRecords(
          DeliveryRecords.under(DeliveryRecords.files(errors), "errors/delivery-failed/").values()));
      return failed.size() >= input.size();
    });
    List<String> raw = new ArrayList<>();
    for (JsonNode error : failed) {
      raw.add(DeliveryRecords.rawData(error));
      assertThat(error.get("errorMessage").asText()).as("reason in %s", error).contains("503");
      assertThat(error.get("attemptsMade").asInt()).as("attempts in %s", error).isGreaterThan(1);
      assertThat(error.get("errorCode").asText()).isNotBlank();
      assertThat(error.get("deliveryStreamName").asText()).isEqualTo("http-down");
    }
    DeliveryRecords.assertExactlyOnce(raw, input.size(), "the error output");
    assertThat(downEndpoint.requests()).isNotEmpty().allSatisfy(r -> assertThat(r.status()).isEqualTo(503));
    cluster.delete("http-down");
  }

  private static String[] args(String url, Path errors) {
    List<String> args = new ArrayList<>(List.of("--destination", url, "--error-destination", errors.toUri().toString()));
    args.addAll(DeliveryFilesIT.SMALL_BUFFERS);
    return args.toArray(String[]::new);
  }

  private static Set<Long> acceptedIds(HttpTestEndpoint http) {
    Set<Long> ids = new HashSet<>();
    for (String line : text(http.acceptedRecords())) {
      ids.add(DeliveryRecords.id(line));
    }
    return ids;
  }

  /**
   * What the endpoint received, for a failure message: records of accepted and of refused requests
   * apart, since every retry of a refused request carries its records again.
   */
  private static String summary(HttpTestEndpoint http) {
    List<Received> requests = http.requests();
    Map<Integer, Integer> statuses = new TreeMap<>();
    Set<String> ids = new HashSet<>();
    long accepted = 0;
    long refused = 0;
    for (Received r : requests) {
      statuses.merge(r.status(), 1, Integer::sum);
      ids.add(r.requestId());
      if (r.status() == 200) {
        accepted += r.records().size();
      } else {
        refused += r.records().size();
      }
    }
    return requests.size() + " requests (by status " + statuses + ") with " + ids.size() + " distinct request ids, "
        + accepted + " records in accepted requests (" + acceptedIds(http).size() + " distinct ids) and " + refused
        + " in refused ones";
  }

  private static long refused(HttpTestEndpoint http) {
    return http.requests().stream().filter(r -> r.status() == 503).count();
  }

  private static List<String> text(List<byte[]> records) {
    List<String> lines = new ArrayList<>(records.size());
    for (byte[] r : records) {
      lines.add(new String(r, StandardCharsets.UTF_8));
    }
    return lines;
  }
}

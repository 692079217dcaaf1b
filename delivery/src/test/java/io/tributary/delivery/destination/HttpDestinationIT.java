package io.tributary.delivery.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.tributary.common.time.ManualClock;
import io.tributary.delivery.spec.DestinationUri;
import io.tributary.delivery.testing.HttpTestEndpoint;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpDestinationIT {
  private final ManualClock clock = new ManualClock(1_700_000_000_000L);
  private HttpTestEndpoint endpoint;

  @BeforeEach
  void start() throws Exception {
    endpoint = new HttpTestEndpoint().start();
  }

  @AfterEach
  void stop() {
    endpoint.close();
  }

  private static DeliveryBatch batch(String key, String... records) {
    List<byte[]> rs = Arrays.stream(records).map(r -> r.getBytes(StandardCharsets.UTF_8)).toList();
    return new DeliveryBatch(key, null, rs, rs.size(), rs.stream().mapToLong(r -> r.length).sum(), 0);
  }

  private Destination open(String url, Map<String, String> options) {
    return Destinations.open(DestinationUri.parse(url), options, clock);
  }

  @Test
  void postsTheRecordsWithTheBatchsRequestIdInBodyAndHeaderAndTheOptionHeaders() throws Exception {
    DeliveryBatch b = batch("p/o-1", "{\"a\":1}", "binary\u0000é");
    try (Destination d = open(endpoint.url(), Map.of("http.header.X-Amz-Firehose-Access-Key", "secret"))) {
      d.deliver(b);
      d.deliver(b);
    }
    List<HttpTestEndpoint.Received> received = endpoint.requests();
    assertThat(received).hasSize(2);
    for (HttpTestEndpoint.Received r : received) {
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.requestId()).isEqualTo(b.requestId());
      assertThat(r.headers()).containsEntry("x-amz-firehose-request-id", b.requestId())
          .containsEntry("x-amz-firehose-access-key", "secret").containsEntry("content-type", "application/json");
      assertThat(r.records()).map(x -> new String(x, StandardCharsets.UTF_8))
          .containsExactly("{\"a\":1}", "binary\u0000é");
    }
  }

  @Test
  void aRefusedRequestFailsWithTheStatusAndBody() throws Exception {
    endpoint.setDown(true);
    try (Destination d = open(endpoint.url(), Map.of())) {
      assertThatThrownBy(() -> d.deliver(batch("p/o-1", "x")))
          .hasMessageContaining("HTTP destination " + endpoint.url())
          .hasMessageContaining("was answered 503: ")
          .hasMessageContaining("endpoint is down");
      endpoint.setDown(false);
      d.deliver(batch("p/o-1", "x"));
    }
    assertThat(endpoint.requests()).extracting(HttpTestEndpoint.Received::status).containsExactly(503, 200);
  }

  @Test
  void aSuccessThatDoesNotEchoTheRequestIdIsAFailure() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      byte[] body = "{\"requestId\":\"someone-else\",\"timestamp\":1}".getBytes(StandardCharsets.UTF_8);
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    try (Destination d = open("http://127.0.0.1:" + server.getAddress().getPort() + "/", Map.of())) {
      assertThatThrownBy(() -> d.deliver(batch("p/o-1", "x")))
          .hasMessageContaining("with requestId someone-else instead of the request's");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aNonRespondingEndpointFailsAfterTheTimeout() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    CountDownLatch release = new CountDownLatch(1);
    server.createContext("/", exchange -> {
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
    });
    server.setExecutor(Executors.newSingleThreadExecutor());
    server.start();
    try (Destination d = open("http://127.0.0.1:" + server.getAddress().getPort() + "/",
        Map.of("http.timeout", "300ms"))) {
      assertThatThrownBy(() -> d.deliver(batch("p/o-1", "x"))).hasMessageContaining("timed out");
    } finally {
      release.countDown();
      server.stop(0);
      ((ExecutorService) server.getExecutor()).shutdownNow();
    }
  }

  @Test
  void probeFindsTheListeningEndpoint() {
    assertThat(Destinations.probe(DestinationUri.parse(endpoint.url()), Map.of(), Duration.ofSeconds(5))).isEmpty();
  }
}

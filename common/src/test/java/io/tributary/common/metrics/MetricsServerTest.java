package io.tributary.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.core.metrics.Counter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MetricsServerTest {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @Test
  void servesTheProcessRegistryWithJvmMetricsUntilClosed() throws Exception {
    ProcessMetrics metrics = new ProcessMetrics();
    Counter counter = Counter.builder().name("test_things_total").help("things").register(metrics.registry());
    counter.inc(3);
    String url;
    try (MetricsServer server = MetricsServer.start("127.0.0.1", 0, metrics.registry(), "metrics.port")) {
      url = server.url();
      assertThat(server.port()).isPositive();
      String body = get(url);
      assertThat(body).contains("test_things_total 3.0").contains("jvm_memory_used_bytes");
    }
    assertThatThrownBy(() -> get(url)).isInstanceOf(IOException.class);
  }

  @Test
  void processRegistriesKeepTheirMetricsApart() {
    ProcessMetrics first = new ProcessMetrics();
    ProcessMetrics second = new ProcessMetrics();
    Counter.builder().name("only_first_total").register(first.registry()).inc();
    assertThat(second.registry().scrape().stream().map(s -> s.getMetadata().getPrometheusName()))
        .doesNotContain("only_first").contains("jvm_threads_current");
  }

  private String get(String url) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
  }
}

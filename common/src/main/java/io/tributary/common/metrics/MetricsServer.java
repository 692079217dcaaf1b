package io.tributary.common.metrics;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves one process registry in the Prometheus text format at {@code http://HOST:PORT/metrics}.
 * Thread-safe.
 *
 * <p>The process closes it with itself; scrapes run on one daemon thread, so a slow scraper can
 * never hold up the process.
 */
public final class MetricsServer implements AutoCloseable {
  private static final AtomicInteger SERVERS = new AtomicInteger();

  private final HTTPServer server;
  private final String host;

  private MetricsServer(HTTPServer server, String host) {
    this.server = server;
    this.host = host;
  }

  /**
   * Starts serving {@code registry} on {@code host:port}; port 0 picks a free one.
   *
   * @param configKey the configuration key that set the port, for the error message
   */
  public static MetricsServer start(String host, int port, PrometheusRegistry registry, String configKey) {
    String threadName = "metrics-http-" + SERVERS.incrementAndGet();
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
      Thread thread = new Thread(r, threadName);
      thread.setDaemon(true);
      return thread;
    });
    try {
      HTTPServer server =
          HTTPServer.builder().hostname(host).port(port).registry(registry).executorService(executor).buildAndStart();
      return new MetricsServer(server, host);
    } catch (IOException e) {
      executor.shutdownNow();
      throw new UncheckedIOException(
          "cannot serve metrics on " + host + ":" + port + ": " + e.getMessage() + "; choose a free port with "
              + configKey + " (0 picks one, -1 turns metrics off)", e);
    }
  }

  /** The bound port. */
  public int port() {
    return server.getPort();
  }

  /** Where Prometheus scrapes this process. */
  public String url() {
    return "http://" + host + ":" + port() + "/metrics";
  }

  /** Stops serving; the HTTP server also shuts its executor down. */
  @Override
  public void close() {
    server.close();
  }
}

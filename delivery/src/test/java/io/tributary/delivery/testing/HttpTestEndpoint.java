package io.tributary.delivery.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP endpoint speaking Firehose's HTTP endpoint delivery protocol for tests: it decodes each
 * request's records, answers 200 with the request id echoed, or 503 while {@link #setDown(boolean)
 * down}. Thread-safe. Every request is kept (also refused ones), so tests can see retries.
 */
public final class HttpTestEndpoint implements AutoCloseable {
  /**
   * One request as received.
   *
   * @param requestId the body's requestId
   * @param records the decoded records
   * @param status the status answered
   * @param headers the request's headers, names in lower case, first value each
   */
  public record Received(String requestId, List<byte[]> records, int status, Map<String, String> headers) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Received> requests = new CopyOnWriteArrayList<>();
  private volatile boolean down;
  private HttpServer server;
  private ExecutorService executor;

  /** Starts on 127.0.0.1 and a free port; returns this for chaining. */
  public HttpTestEndpoint start() throws IOException {
    // without TCP_NODELAY the JDK server answers each small response ~40 ms late (Nagle and delayed
    // ACKs), far slower than a real endpoint; read once, when the server class loads
    System.setProperty("sun.net.httpserver.nodelay", "true");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    executor = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "http-test-endpoint");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    return this;
  }

  /** The URL to deliver to, e.g. http://127.0.0.1:40123/firehose. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/firehose";
  }

  /** While down, every request is answered 503. */
  public void setDown(boolean down) {
    this.down = down;
  }

  /** Every request so far, in arrival order. */
  public List<Received> requests() {
    return List.copyOf(requests);
  }

  /** The records of the requests answered 200, in arrival order (duplicates included). */
  public List<byte[]> acceptedRecords() {
    List<byte[]> out = new ArrayList<>();
    for (Received r : requests) {
      if (r.status() == 200) {
        out.addAll(r.records());
      }
    }
    return out;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      JsonNode request;
      try {
        request = JSON.readTree(body);
      } catch (IOException e) {
        respond(exchange, 400, "{\"errorMessage\":\"body is not JSON\"}");
        return;
      }
      String requestId = request.path("requestId").asText("");
      List<byte[]> records = new ArrayList<>();
      for (JsonNode r : request.path("records")) {
        records.add(Base64.getDecoder().decode(r.path("data").asText("")));
      }
      int status = down ? 503 : 200;
      requests.add(new Received(requestId, List.copyOf(records), status, headers(exchange)));
      if (status == 503) {
        respond(exchange, 503, "{\"requestId\":\"" + requestId + "\",\"errorMessage\":\"endpoint is down\"}");
        return;
      }
      ObjectNode response = JSON.createObjectNode();
      response.put("requestId", requestId);
      response.put("timestamp", request.path("timestamp").asLong());
      respond(exchange, 200, JSON.writeValueAsString(response));
    }
  }

  private static Map<String, String> headers(HttpExchange exchange) {
    Map<String, String> out = new TreeMap<>();
    exchange.getRequestHeaders().forEach((name, values) -> {
      if (!values.isEmpty()) {
        out.put(name.toLowerCase(Locale.ROOT), values.get(0));
      }
    });
    return Map.copyOf(out);
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
    }
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}

package io.tributary.delivery.destination;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Sends each batch as one request of Firehose's HTTP endpoint delivery protocol: a JSON body
 * {@code {"requestId","timestamp","records":[{"data":base64}]}} POSTed with the header
 * {@code X-Amz-Firehose-Request-Id}; a 2xx answer whose JSON echoes the request id is success.
 * Confined to one delivering thread. The request id comes from the batch key, so a batch sent again
 * after a failure or a recovery carries the same id and the endpoint can drop the duplicate.
 */
final class HttpDestination implements Destination {
  static final String REQUEST_ID_HEADER = "X-Amz-Firehose-Request-Id";
  private static final int EXCERPT_CHARS = 200;
  private static final JsonFactory JSON_FACTORY = new JsonFactory();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client;
  private final URI uri;
  private final Map<String, String> headers;
  private final Duration timeout;
  private final Clock clock;

  HttpDestination(URI uri, Map<String, String> headers, Duration timeout, Clock clock) {
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    this.uri = uri;
    this.headers = Map.copyOf(headers);
    this.timeout = timeout;
    this.clock = clock;
  }

  @Override
  public void deliver(DeliveryBatch batch) throws IOException, InterruptedException {
    String requestId = batch.requestId();
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header(REQUEST_ID_HEADER, requestId)
        .header("X-Amz-Firehose-Protocol-Version", "1.0")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body(batch, requestId, clock.millis())));
    headers.forEach(request::header);
    HttpResponse<String> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IOException("HTTP destination " + uri + ": request " + requestId + " failed (" + e + ")", e);
    }
    String problem = problem(response, requestId);
    if (problem != null) {
      throw new IOException("HTTP destination " + uri + ": request " + requestId + " " + problem);
    }
  }

  /** Why the response is not a success, or null when it is. */
  private static String problem(HttpResponse<String> response, String requestId) {
    int status = response.statusCode();
    String body = response.body() == null ? "" : response.body();
    if (status < 200 || status > 299) {
      return "was answered " + status + ": " + excerpt(body);
    }
    String echoed;
    try {
      echoed = JSON.readTree(body).path("requestId").asText(null);
    } catch (IOException e) {
      return "was answered " + status + " with a body that is not JSON: " + excerpt(body);
    }
    if (!requestId.equals(echoed)) {
      return "was answered " + status + " with requestId " + echoed + " instead of the request's: "
          + excerpt(body);
    }
    return null;
  }

  static byte[] body(DeliveryBatch batch, String requestId, long timestampMillis) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8,
        batch.deliveredBytes() * 4 / 3 + 32L * batch.records().size() + 128));
    try (JsonGenerator g = JSON_FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("requestId", requestId);
      g.writeNumberField("timestamp", timestampMillis);
      g.writeArrayFieldStart("records");
      for (byte[] record : batch.records()) {
        g.writeStartObject();
        g.writeFieldName("data");
        g.writeBinary(record);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  private static String excerpt(String body) {
    String oneLine = body.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= EXCERPT_CHARS ? oneLine : oneLine.substring(0, EXCERPT_CHARS) + "...";
  }

  @Override
  public String describe() {
    return uri.toString();
  }
}

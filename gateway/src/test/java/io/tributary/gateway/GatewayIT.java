package io.tributary.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.client.TributaryClient;
import io.tributary.gateway.kinesis.Arns;
import io.tributary.gateway.kinesis.KinesisStreamOps;
import io.tributary.gateway.wire.Codec;
import io.tributary.gateway.wire.WireFormat;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListStreamsResponse;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The official Kinesis SDK (CBOR, HTTP/1.1) against a gateway over a real ZooKeeper, coordinator and
 * broker; and raw requests that must get AWS errors without harming the endpoint.
 */
class GatewayIT {
  private static final Duration BOUND = Duration.ofSeconds(30);

  @TempDir static Path dir;

  private static InProcessCluster cluster;
  private static TributaryClient client;
  private static GatewayServer gateway;
  private static KinesisClient kinesis;
  private static HttpClient http;

  @BeforeAll
  static void start() throws Exception {
    cluster = InProcessCluster.start(dir, "gateway-it");
    client = cluster.client();
    OperationTable table = new KinesisStreamOps(client, Arns.defaults()).register(OperationTable.builder()).build();
    gateway = cluster.serve(table);
    kinesis = cluster.sdk(KinesisClient.builder());
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(BOUND).build();
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close(); // with the SDK clients it made
    }
  }

  @Test
  void sdkCreatesListsAndDescribesStreams() {
    Instant before = Instant.now().minusSeconds(60);
    kinesis.createStream(r -> r.streamName("gw-a").shardCount(2));
    kinesis.createStream(r -> r.streamName("gw-b").shardCount(1));

    StreamDescriptionSummary a = kinesis.describeStreamSummary(r -> r.streamName("gw-a")).streamDescriptionSummary();
    assertThat(a.streamName()).isEqualTo("gw-a");
    assertThat(a.streamARN()).isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/gw-a");
    assertThat(a.streamStatus()).isEqualTo(StreamStatus.ACTIVE);
    assertThat(a.streamModeDetails().streamMode()).isEqualTo(StreamMode.PROVISIONED);
    assertThat(a.openShardCount()).isEqualTo(2);
    assertThat(a.retentionPeriodHours()).isEqualTo(24);
    assertThat(a.consumerCount()).isZero();
    assertThat(a.streamCreationTimestamp()).isAfter(before).isBefore(Instant.now().plusSeconds(60));
    assertThat(a.enhancedMonitoring()).hasSize(1);
    assertThat(kinesis.describeStreamSummary(r -> r.streamARN(a.streamARN())).streamDescriptionSummary().streamName())
        .isEqualTo("gw-a");

    ListStreamsResponse first = kinesis.listStreams(r -> r.limit(1));
    assertThat(first.streamNames()).containsExactly("gw-a");
    assertThat(first.hasMoreStreams()).isTrue();
    assertThat(first.streamSummaries().get(0).streamARN()).isEqualTo(a.streamARN());
    assertThat(first.streamSummaries().get(0).streamCreationTimestamp()).isEqualTo(a.streamCreationTimestamp());
    ListStreamsResponse rest = kinesis.listStreams(r -> r.exclusiveStartStreamName("gw-a"));
    assertThat(rest.streamNames()).containsExactly("gw-b");
    assertThat(rest.hasMoreStreams()).isFalse();
  }

  @Test
  void asyncSdkIsServedOverCleartextHttp2() {
    try (KinesisAsyncClient async = cluster.sdk(KinesisAsyncClient.builder())) {
      assertThat(async.listStreams(r -> r.limit(5)).orTimeout(BOUND.toSeconds(), TimeUnit.SECONDS).join()
          .streamNames()).isNotNull();
      Assertions.assertThatThrownBy(() -> async.describeStreamSummary(r -> r.streamName("gw-none"))
              .orTimeout(BOUND.toSeconds(), TimeUnit.SECONDS).join())
          .hasCauseInstanceOf(ResourceNotFoundException.class);
    }
  }

  /**
   * The JSON run is only worth having if the SDK really switched: an operation that answers with the
   * encoding the server decoded shows what arrived, over HTTP/1.1 and HTTP/2.
   */
  @Test
  void sdkBodiesArriveInTheEncodingThisRunSelects() {
    WireFormat expected = Boolean.parseBoolean(System.getProperty("aws.cborEnabled", "true"))
        ? WireFormat.CBOR : WireFormat.JSON;
    OperationTable echo = OperationTable.builder().kinesis("ListStreams", input -> {
      ObjectNode out = Codec.object();
      out.putArray("StreamNames").add(input.format().name());
      return out.put("HasMoreStreams", false);
    }).build();
    try (GatewayServer stub = GatewayServer.start(GatewaySettings.defaults("127.0.0.1", 0), echo, Clock.systemUTC());
        KinesisClient sync = pointedAt(stub, KinesisClient.builder());
        KinesisAsyncClient async = pointedAt(stub, KinesisAsyncClient.builder())) {
      assertThat(sync.listStreams().streamNames()).containsExactly(expected.name());
      assertThat(async.listStreams().orTimeout(BOUND.toSeconds(), TimeUnit.SECONDS).join().streamNames())
          .containsExactly(expected.name());
    }
  }

  private static <B extends AwsClientBuilder<B, C>, C> C pointedAt(GatewayServer server, B builder) {
    return builder.endpointOverride(URI.create("http://" + server.address())).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret"))).build();
  }

  @Test
  void sdkSeesKinesisErrorTypes() {
    Assertions.assertThatThrownBy(() -> kinesis.describeStreamSummary(r -> r.streamName("gw-none")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("gw-none");
  }

  @Test
  void badRequestsGetAwsErrorsAndTheEndpointKeepsServing() throws Exception {
    String json = WireFormat.JSON.contentType();
    assertError(post("Kinesis_20131202.NoSuchOperation", json, "{}"), "UnknownOperationException");
    assertError(post(null, json, "{}"), "UnknownOperationException");
    assertError(post("Kinesis_20131202.ListStreams", json, "{\"Limit\":"), "SerializationException");
    assertError(post("Kinesis_20131202.ListStreams", "text/plain", "{}"), "SerializationException");
    assertError(post("Kinesis_20131202.ListStreams", json, "[1]"), "SerializationException");
    assertError(post("Kinesis_20131202.ListStreams", json, "{\"Limit\":\"ten\"}"), "SerializationException");
    String cbor = WireFormat.CBOR.contentType();
    byte[] truncatedMap = {(byte) 0xBF, 0x65, 'L', 'i'};
    byte[] array = {(byte) 0x81, 0x01};
    assertError(post("Kinesis_20131202.ListStreams", cbor, truncatedMap), WireFormat.CBOR, "SerializationException");
    assertError(post("Kinesis_20131202.ListStreams", cbor, array), WireFormat.CBOR, "SerializationException");
    assertError(post("Kinesis_20131202.NoSuchOperation", cbor, new byte[] {(byte) 0xA0}), WireFormat.CBOR,
        "UnknownOperationException");

    HttpResponse<byte[]> good = post("Kinesis_20131202.ListStreams", json, "{}");
    assertThat(good.statusCode()).isEqualTo(200);
    assertThat(good.headers().firstValue("Date")).isPresent();
    assertThat(Codec.read(WireFormat.JSON, good.body()).has("StreamNames")).isTrue();
  }

  private static void assertError(HttpResponse<byte[]> response, String type) {
    assertError(response, WireFormat.JSON, type);
  }

  private static void assertError(HttpResponse<byte[]> response, WireFormat format, String type) {
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).contains(format.contentType());
    assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains(type);
    assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
    assertThat(response.headers().firstValue("Date")).isPresent();
    ObjectNode body = Codec.read(format, response.body());
    assertThat(body.get("__type").asText()).isEqualTo(type);
    assertThat(body.get("message").asText()).isNotBlank();
  }

  private static HttpResponse<byte[]> post(String target, String contentType, String body) throws Exception {
    return post(target, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  private static HttpResponse<byte[]> post(String target, String contentType, byte[] body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + gateway.address() + "/"))
        .timeout(BOUND)
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (target != null) {
      request.header("X-Amz-Target", target);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}

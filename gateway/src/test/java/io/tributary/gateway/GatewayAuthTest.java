package io.tributary.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.tributary.common.auth.AccessKeys;
import io.tributary.gateway.wire.GatewayException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The gateway's signature check on requests as Netty hands them over (HTTP/1.1 and an HTTP/2 stream
 * converted by the pipeline's codec), signed by the AWS SDK's own SigV4 signer.
 */
class GatewayAuthTest {
  private static final String ID = "AKIDGATEWAY";
  private static final String SECRET = "gatewaySecretKeyExample0123456789abcdef";
  private static final String LIST_STREAMS = "Kinesis_20131202.ListStreams";
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
  private static final byte[] BODY = "{\"Limit\":10}".getBytes(StandardCharsets.UTF_8);

  private final GatewayAuth auth = GatewayAuth.sigv4(AccessKeys.of(Map.of(ID, SECRET)), CLOCK);

  @Test
  void acceptsRequestSignedWithConfiguredKeyOverHttp1() {
    SdkHttpRequest signed = sign(post(LIST_STREAMS, "/"), ID, SECRET, "kinesis", CLOCK);
    assertThat(auth.check(LIST_STREAMS, RequestHead.of(http1(signed, BODY)), BODY)).isEmpty();
  }

  @Test
  void acceptsHttp2RequestWhoseHostTravelledAsAuthority() {
    SdkHttpRequest signed = sign(post(LIST_STREAMS, "/"), ID, SECRET, "kinesis", CLOCK);
    FullHttpRequest received = http2(signed, BODY);
    try {
      assertThat(received.headers().get("host")).as(":authority arrives as Host").isEqualTo("127.0.0.1:4567");
      assertThat(auth.check(LIST_STREAMS, RequestHead.of(received), BODY)).isEmpty();
    } finally {
      received.release();
    }
  }

  @Test
  void acceptsEncodedPathAndQuery() {
    SdkHttpRequest signed = sign(post(LIST_STREAMS, "/a%20b/c").appendRawQueryParameter("z", "1 2")
        .appendRawQueryParameter("a", "x/y"), ID, SECRET, "kinesis", CLOCK);
    assertThat(auth.check(LIST_STREAMS, RequestHead.of(http1(signed, BODY)), BODY)).isEmpty();
  }

  @Test
  void refusesWrongSecretUnknownKeyAndMissingSignatureWithTheirAwsNames() {
    assertThat(refusal(sign(post(LIST_STREAMS, "/"), ID, "notTheSecret", "kinesis", CLOCK)))
        .isEqualTo("InvalidSignatureException");
    assertThat(refusal(sign(post(LIST_STREAMS, "/"), "AKIDUNKNOWN", SECRET, "kinesis", CLOCK)))
        .isEqualTo("UnrecognizedClientException");
    assertThat(refusal(post(LIST_STREAMS, "/").build())).isEqualTo("MissingAuthenticationTokenException");
  }

  @Test
  void refusesBodyOtherThanTheSignedOne() {
    SdkHttpRequest signed = sign(post(LIST_STREAMS, "/"), ID, SECRET, "kinesis", CLOCK);
    byte[] other = "{\"Limit\":11}".getBytes(StandardCharsets.UTF_8);
    Optional<GatewayException> refused = auth.check(LIST_STREAMS, RequestHead.of(http1(signed, other)), other);
    assertThat(refused).map(GatewayException::type).contains("InvalidSignatureException");
  }

  @Test
  void refusesSignatureMadeForTheOtherApi() {
    String put = "Firehose_20150804.PutRecord";
    SdkHttpRequest forKinesis = sign(post(put, "/"), ID, SECRET, "kinesis", CLOCK);
    assertThat(auth.check(put, RequestHead.of(http1(forKinesis, BODY)), BODY))
        .map(GatewayException::type).contains("InvalidSignatureException");
    SdkHttpRequest forFirehose = sign(post(put, "/"), ID, SECRET, "firehose", CLOCK);
    assertThat(auth.check(put, RequestHead.of(http1(forFirehose, BODY)), BODY)).isEmpty();
  }

  @Test
  void refusesSignatureSixMinutesOld() {
    Clock earlier = Clock.offset(CLOCK, Duration.ofMinutes(-6));
    SdkHttpRequest signed = sign(post(LIST_STREAMS, "/"), ID, SECRET, "kinesis", earlier);
    Optional<GatewayException> refused = auth.check(LIST_STREAMS, RequestHead.of(http1(signed, BODY)), BODY);
    assertThat(refused).map(GatewayException::type).contains("InvalidSignatureException");
    assertThat(refused.get().getMessage()).startsWith("Signature expired");
  }

  @Test
  void noneModeAcceptsUnsignedRequests() {
    assertThat(GatewayAuth.unsigned().check(LIST_STREAMS, RequestHead.of(http1(post(LIST_STREAMS, "/").build(),
        BODY)), BODY)).isEmpty();
  }

  @Test
  void sigv4WithoutKeysIsRefusedAtStart() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> GatewayAuth.sigv4(AccessKeys.none(), CLOCK))
        .hasMessageContaining("--access-key");
  }

  private String refusal(SdkHttpRequest request) {
    return auth.check(LIST_STREAMS, RequestHead.of(http1(request, BODY)), BODY)
        .map(GatewayException::type).orElse("accepted");
  }

  private static SdkHttpRequest.Builder post(String target, String path) {
    return SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(URI.create("http://127.0.0.1:4567"))
        .encodedPath(path).putHeader("X-Amz-Target", target)
        .putHeader("Content-Type", "application/x-amz-json-1.1");
  }

  private static SdkHttpRequest sign(
      SdkHttpRequest.Builder request, String id, String secret, String service, Clock clock) {
    return AwsV4HttpSigner.create()
        .sign(r -> r.identity(AwsCredentialsIdentity.create(id, secret))
            .request(request.build())
            .payload(ContentStreamProvider.fromByteArray(BODY))
            .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
            .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
            .putProperty(HttpSigner.SIGNING_CLOCK, clock))
        .request();
  }

  private static String pathAndQuery(SdkHttpRequest request) {
    return request.encodedPath() + request.encodedQueryParameters().map(q -> "?" + q).orElse("");
  }

  private static FullHttpRequest http1(SdkHttpRequest request, byte[] body) {
    FullHttpRequest netty = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1,
        HttpMethod.valueOf(request.method().name()), pathAndQuery(request), Unpooled.wrappedBuffer(body));
    request.forEachHeader((name, values) -> values.forEach(v -> netty.headers().add(name, v)));
    return netty;
  }

  /** The request as the gateway's HTTP/2 stream pipeline turns it into an HTTP/1 message. */
  private static FullHttpRequest http2(SdkHttpRequest request, byte[] body) {
    Http2Headers headers = new DefaultHttp2Headers().method(request.method().name()).scheme("http")
        .path(pathAndQuery(request));
    request.forEachHeader((name, values) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.equals("host")) {
        headers.authority(values.get(0));
      } else {
        values.forEach(v -> headers.add(lower, v));
      }
    });
    EmbeddedChannel stream = new EmbeddedChannel(
        new Http2StreamFrameToHttpObjectCodec(true), new HttpObjectAggregator(1 << 20));
    stream.writeInbound(new DefaultHttp2HeadersFrame(headers), new DefaultHttp2DataFrame(
        Unpooled.wrappedBuffer(body), true));
    FullHttpRequest received = stream.readInbound();
    assertThat(stream.finish()).as("one request, nothing else").isFalse();
    return received;
  }
}

package io.tributary.common.auth;

import static io.tributary.common.auth.SdkSigner.ID;
import static io.tributary.common.auth.SdkSigner.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/** Whatever the SDK signs, the verifier accepts: the two build the same canonical request. */
class SigV4PropertiesTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"),
      ZoneOffset.UTC);
  private final SigV4Verifier verifier =
      new SigV4Verifier(AccessKeys.of(Map.of(ID, SECRET)), Set.of("kinesis"), CLOCK);

  @Property(tries = 150)
  void sdkSignedRequestsAreAccepted(
      @ForAll("segments") List<String> segments,
      @ForAll("params") Map<String, String> query,
      @ForAll("headerValues") String headerValue,
      @ForAll("bodies") String body,
      @ForAll boolean http2) {
    String path = segments.stream().map(SdkHttpUtils::urlEncode)
        .collect(Collectors.joining("/", "/", ""));
    SdkHttpRequest.Builder req = SdkSigner.kinesisPost("PutRecords", "application/x-amz-json-1.1")
        .encodedPath(path)
        .putHeader("X-Custom", headerValue);
    query.forEach(req::putRawQueryParameter);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

    SdkHttpRequest signed = SdkSigner.sign(req.build(), bytes, ID, SECRET, "kinesis", CLOCK);

    assertThat(verifier.verify(SdkSigner.received(signed, bytes, http2)))
        .isEqualTo(new Verified(ID));
  }

  @Provide
  Arbitrary<List<String>> segments() {
    return Arbitraries.oneOf(
        Arbitraries.of(".", "..", "", "a b", "%", "+", "~", "ü"),
        Arbitraries.strings().withCharRange(' ', '~').withChars("üé€😀").ofMaxLength(8))
        .list().ofMaxSize(4);
  }

  @Provide
  Arbitrary<Map<String, String>> params() {
    Arbitrary<String> text =
        Arbitraries.strings().withCharRange(' ', '~').withChars("ü€").ofMaxLength(6);
    return Arbitraries.maps(text.filter(s -> !s.isEmpty()), text).ofMaxSize(4);
  }

  @Provide
  Arbitrary<String> headerValues() {
    return Arbitraries.strings().withCharRange('!', '~').withChars(" \t").ofMaxLength(20);
  }

  @Provide
  Arbitrary<String> bodies() {
    return Arbitraries.strings().ofMaxLength(64);
  }
}

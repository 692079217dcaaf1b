package io.tributary.common.auth;

import static io.tributary.common.auth.SdkSigner.ID;
import static io.tributary.common.auth.SdkSigner.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpRequest;

class SigV4VerifierTest {
  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final byte[] JSON =
      "{\"StreamName\":\"clicks\",\"ShardCount\":2}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] CBOR = {(byte) 0xa1, 0x6a, 'S', 't', 'r', 'e', 'a', 'm', 'N', 'a',
      'm', 'e', 0x46, 'c', 'l', 'i', 'c', 'k', 's', (byte) 0xff, 0x00};

  private final SigV4Verifier verifier = new SigV4Verifier(
      AccessKeys.of(Map.of(ID, SECRET, "OTHER", "other-secret")), Set.of("kinesis", "firehose"),
      CLOCK);

  @Test
  void acceptsAJsonPostSignedByTheSdk() {
    assertThat(verifier.verify(signed(json(), JSON, CLOCK, false))).isEqualTo(new Verified(ID));
  }

  @Test
  void acceptsACborBody() {
    SdkHttpRequest req = SdkSigner.kinesisPost("PutRecord", "application/x-amz-cbor-1.1").build();

    assertThat(verifier.verify(signed(req, CBOR, CLOCK, false))).isEqualTo(new Verified(ID));
  }

  @Test
  void acceptsAnHttp2RequestWhoseHostCameAsAuthority() {
    SignedRequest request = signed(json(), JSON, CLOCK, true);

    assertThat(request.headers().contains("host")).isFalse();
    assertThat(request.authority()).isEqualTo("127.0.0.1:4567");
    assertThat(verifier.verify(request)).isEqualTo(new Verified(ID));
  }

  @Test
  void acceptsAQueryAndPathWithReservedCharacters() {
    SdkHttpRequest req = json().toBuilder()
        .encodedPath("/a%20b/c%2Fd/./e/../%C3%BC+*")
        .putRawQueryParameter("z key", "v/1+2=3&4?")
        .putRawQueryParameter("a", java.util.List.of("b", "~x*", ""))
        .putRawQueryParameter("ü€", "😀")
        .build();

    assertThat(verifier.verify(signed(req, JSON, CLOCK, false))).isEqualTo(new Verified(ID));
  }

  @Test
  void acceptsRepeatedAndSpacedHeaderValues() {
    SdkHttpRequest req = json().toBuilder()
        .appendHeader("X-Custom", "  one   two\t three ")
        .appendHeader("X-Custom", "four")
        .build();

    assertThat(verifier.verify(signed(req, JSON, CLOCK, false))).isEqualTo(new Verified(ID));
  }

  @Test
  void refusesAWrongSecretWithoutRevealingTheExpectedSignature() {
    SignedRequest request = SdkSigner.received(
        SdkSigner.sign(json(), JSON, ID, "not-the-secret", "kinesis", CLOCK), JSON, false);

    Verification result = verifier.verify(request);

    assertProblem(result, SignatureError.INVALID_SIGNATURE, "signature we calculated does not");
    assertThat(((SignatureProblem) result).message())
        .doesNotContain(SECRET).doesNotContainPattern("[0-9a-f]{64}");
  }

  @Test
  void refusesAnUnknownKeyId() {
    SignedRequest request = SdkSigner.received(
        SdkSigner.sign(json(), JSON, "AKIDUNKNOWN", SECRET, "kinesis", CLOCK), JSON, false);

    assertProblem(verifier.verify(request), SignatureError.UNRECOGNIZED_CLIENT, "'AKIDUNKNOWN'");
  }

  @Test
  void refusesATamperedBody() {
    SignedRequest good = signed(json(), JSON, CLOCK, false);
    SignedRequest tampered = new SignedRequest(good.method(), good.rawPath(), good.rawQuery(),
        good.headers(), null, SignedRequest.sha256Hex("{\"StreamName\":\"other\"}"));

    assertProblem(verifier.verify(tampered), SignatureError.INVALID_SIGNATURE,
        "x-amz-content-sha256 does not match the body");
    // Rewriting the declared hash along with the body breaks the signature instead.
    SignedRequest rehashed = withHeader(tampered, "x-amz-content-sha256", tampered.bodySha256());
    assertProblem(verifier.verify(rehashed), SignatureError.INVALID_SIGNATURE,
        "signature we calculated does not match");
  }

  @Test
  void refusesATamperedSignedHeader() {
    SignedRequest good = signed(json(), JSON, CLOCK, false);

    SignedRequest tampered = withHeader(good, "x-amz-target", "Kinesis_20131202.DeleteStream");

    assertProblem(verifier.verify(tampered), SignatureError.INVALID_SIGNATURE,
        "signature we calculated does not match");
  }

  @Test
  void refusesARequestWithoutAuthorization() {
    SignedRequest good = signed(json(), JSON, CLOCK, false);
    SignedRequest unsigned = new SignedRequest("POST", "/", "", RequestHeaders.builder()
        .add("Host", "127.0.0.1:4567").add("X-Amz-Date", "20261130T120000Z").build(), null,
        good.bodySha256());

    assertProblem(verifier.verify(unsigned), SignatureError.MISSING_AUTHENTICATION_TOKEN,
        "Missing Authentication Token");
  }

  @Test
  void refusesAClockSkewOfSixMinutesEitherWayButNotOfFour() {
    Duration six = Duration.ofMinutes(6);
    SignedRequest old = signed(json(), JSON, Clock.fixed(NOW.minus(six), ZoneOffset.UTC), false);
    SignedRequest ahead = signed(json(), JSON, Clock.fixed(NOW.plus(six), ZoneOffset.UTC), false);
    SignedRequest near = signed(json(), JSON,
        Clock.fixed(NOW.minus(Duration.ofMinutes(4)), ZoneOffset.UTC), false);

    assertProblem(verifier.verify(old), SignatureError.INVALID_SIGNATURE,
        "Signature expired: 20261130T115400Z is now earlier than 20261130T115500Z");
    assertProblem(verifier.verify(ahead), SignatureError.INVALID_SIGNATURE,
        "Signature not yet current: 20261130T120600Z is still later than 20261130T120500Z");
    assertThat(verifier.verify(near)).isEqualTo(new Verified(ID));
  }

  @Test
  void refusesAScopeForAnotherService() {
    SignedRequest request = SdkSigner.received(
        SdkSigner.sign(json(), JSON, ID, SECRET, "s3", CLOCK), JSON, false);

    assertProblem(verifier.verify(request), SignatureError.INVALID_SIGNATURE,
        "Credential should be scoped to 20261130/<region>/firehose|kinesis/aws4_request");
  }

  @Test
  void refusesTemporaryCredentials() {
    SignedRequest good = signed(json(), JSON, CLOCK, false);

    assertProblem(verifier.verify(withHeader(good, "X-Amz-Security-Token", "token")),
        SignatureError.UNRECOGNIZED_CLIENT, "X-Amz-Security-Token");
  }

  @Test
  void refusesMalformedAuthorizationHeaders() {
    SignedRequest good = signed(json(), JSON, CLOCK, false);
    String auth = good.headers().first("authorization");
    Map<String, String> malformed = Map.of(
        "Basic dXNlcjpwYXNz", "not AWS Signature Version 4",
        auth.replaceFirst("Credential=[^,]*,", ""), "lacks its Credential= part",
        auth.replaceFirst("SignedHeaders=[^,]*,", ""), "lacks its SignedHeaders= part",
        auth.replaceFirst("Signature=.*", "Signature=xyz"), "64 lowercase hex digits",
        auth.replaceFirst("/aws4_request", ""), "ID/YYYYMMDD/REGION/SERVICE/aws4_request",
        auth.replaceFirst("SignedHeaders=", "SignedHeaders=;"), "separated by ';'");

    malformed.forEach((value, message) -> assertProblem(
        verifier.verify(withHeader(good, "Authorization", value)),
        SignatureError.INCOMPLETE_SIGNATURE, message));
  }

  @Test
  void refusesAHostThatIsNotSigned() {
    SignedRequest good = signed(json(), JSON, CLOCK, false);
    String auth = good.headers().first("authorization").replace("host;", "");

    assertProblem(verifier.verify(withHeader(good, "Authorization", auth)),
        SignatureError.INCOMPLETE_SIGNATURE, "must be sent and be a SignedHeader");
  }

  private static SdkHttpRequest json() {
    return SdkSigner.kinesisPost("CreateStream", "application/x-amz-json-1.1").build();
  }

  private static SignedRequest signed(SdkHttpRequest req, byte[] body, Clock at, boolean h2) {
    return SdkSigner.received(SdkSigner.sign(req, body, ID, SECRET, "kinesis", at), body, h2);
  }

  /** The request with one header replaced (or added). */
  private static SignedRequest withHeader(SignedRequest r, String name, String value) {
    RequestHeaders.Builder headers = RequestHeaders.builder();
    for (String h : new String[] {"authorization", "host", "x-amz-date", "x-amz-target",
        "content-type", "x-amz-content-sha256", "content-length"}) {
      if (!h.equalsIgnoreCase(name)) {
        r.headers().all(h).forEach(v -> headers.add(h, v));
      }
    }
    headers.add(name, value);
    return new SignedRequest(r.method(), r.rawPath(), r.rawQuery(), headers.build(),
        r.authority(), r.bodySha256());
  }

  private static void assertProblem(Verification result, SignatureError error, String text) {
    assertThat(result).isInstanceOf(SignatureProblem.class);
    SignatureProblem problem = (SignatureProblem) result;
    assertThat(problem.error()).isEqualTo(error);
    assertThat(problem.message()).contains(text).doesNotContain(SECRET);
  }
}

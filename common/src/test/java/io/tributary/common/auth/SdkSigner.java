package io.tributary.common.auth;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Signs requests with the AWS SDK's own SigV4 signer, the oracle the verifier must agree with. */
final class SdkSigner {
  static final String ID = "AKIDEXAMPLE";
  static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  static final URI ENDPOINT = URI.create("http://127.0.0.1:4567");

  private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

  private SdkSigner() {}

  /** A Kinesis-style POST / with the headers the SDK sends. */
  static SdkHttpRequest.Builder kinesisPost(String target, String contentType) {
    return SdkHttpRequest.builder()
        .method(SdkHttpMethod.POST)
        .uri(ENDPOINT)
        .encodedPath("/")
        .putHeader("X-Amz-Target", "Kinesis_20131202." + target)
        .putHeader("Content-Type", contentType);
  }

  static SdkHttpRequest sign(
      SdkHttpRequest request, byte[] body, String id, String secret, String service, Clock clock) {
    return SIGNER
        .sign(r -> r.identity(AwsCredentialsIdentity.create(id, secret))
            .request(request)
            .payload(ContentStreamProvider.fromByteArray(body))
            .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
            .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
            .putProperty(HttpSigner.SIGNING_CLOCK, clock))
        .request();
  }

  /** The request as the server receives it; on HTTP/2 the host travels as :authority. */
  static SignedRequest received(SdkHttpRequest signed, byte[] body, boolean http2) {
    RequestHeaders.Builder headers = RequestHeaders.builder();
    String authority = null;
    for (Map.Entry<String, java.util.List<String>> h : signed.headers().entrySet()) {
      if (http2 && h.getKey().equalsIgnoreCase("host")) {
        authority = h.getValue().get(0);
        continue;
      }
      h.getValue().forEach(v -> headers.add(h.getKey(), v));
    }
    return new SignedRequest(signed.method().name(), signed.encodedPath(),
        signed.encodedQueryParameters().orElse(""), headers.build(), authority,
        SignedRequest.sha256Hex(body));
  }
}

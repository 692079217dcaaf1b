package io.tributary.delivery.destination;

import io.tributary.common.error.Errors;
import io.tributary.delivery.spec.DestinationOptions;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds S3 clients from destination options. Stateless. With an endpoint (an S3-compatible store)
 * the defaults change: path-style addressing, region us-east-1, and checksums only where the API
 * requires them, because many such stores do not accept the SDK's newer checksum trailers.
 */
final class S3Clients {
  private S3Clients() {}

  /** A client whose calls end after {@code callTimeout}; the SDK's own retries are off (ours back off). */
  static S3Client build(Map<String, String> options, Duration callTimeout) {
    String endpoint = options.get(DestinationOptions.S3_ENDPOINT);
    S3ClientBuilder b = S3Client.builder()
        .httpClient(UrlConnectionHttpClient.builder()
            .connectionTimeout(shorter(callTimeout, Duration.ofSeconds(10)))
            .socketTimeout(callTimeout)
            .build())
        .credentialsProvider(credentials(options))
        .overrideConfiguration(o -> o.apiCallTimeout(callTimeout).retryStrategy(r -> r.maxAttempts(1)));
    String region = options.get(DestinationOptions.S3_REGION);
    if (region != null) {
      b.region(Region.of(region));
    } else if (endpoint != null) {
      b.region(Region.US_EAST_1);
    }
    if (endpoint != null) {
      b.endpointOverride(URI.create(endpoint))
          .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
          .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }
    b.forcePathStyle(Boolean.parseBoolean(options.getOrDefault(DestinationOptions.S3_PATH_STYLE,
        Boolean.toString(endpoint != null))));
    try {
      return b.build();
    } catch (SdkClientException e) {
      throw Errors.invalid("cannot set up the S3 client (" + e.getMessage() + "); set --option "
          + DestinationOptions.S3_REGION + "=REGION, or " + DestinationOptions.S3_ENDPOINT + "=URL for an"
          + " S3-compatible store");
    }
  }

  private static AwsCredentialsProvider credentials(Map<String, String> options) {
    String key = options.get(DestinationOptions.S3_ACCESS_KEY_ID);
    String secret = options.get(DestinationOptions.S3_SECRET_ACCESS_KEY);
    if (key != null && secret != null) {
      return StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret));
    }
    return DefaultCredentialsProvider.builder().build();
  }

  private static Duration shorter(Duration a, Duration b) {
    return a.compareTo(b) < 0 ? a : b;
  }
}

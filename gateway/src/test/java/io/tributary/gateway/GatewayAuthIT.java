package io.tributary.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.common.auth.AccessKeys;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkGlobalTime;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The official Kinesis SDK against a gateway that checks signatures (a stub ListStreams stands in for
 * the cluster): the right key is served over HTTP/1.1 and cleartext HTTP/2; a wrong secret and an
 * unknown key get the error codes AWS returns. SDK retries are off, so a refusal is seen as sent.
 */
class GatewayAuthIT {
  private static final String ID = "AKIDGATEWAYIT";
  private static final String SECRET = "gatewayItSecret0123456789";

  private static GatewayServer gateway;

  @BeforeAll
  static void start() {
    OperationTable table = OperationTable.builder().kinesis("ListStreams", input -> {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      out.putArray("StreamNames").add("signed-only");
      out.put("HasMoreStreams", false);
      return out;
    }).build();
    gateway = GatewayServer.start(GatewaySettings.defaults("127.0.0.1", 0),
        GatewayAuth.sigv4(AccessKeys.of(Map.of(ID, SECRET)), Clock.systemUTC()), table, Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void rightKeyIsServedOverHttp1AndHttp2() {
    try (KinesisClient kinesis = client(ID, SECRET)) {
      assertThat(kinesis.listStreams().streamNames()).containsExactly("signed-only");
    }
    try (KinesisAsyncClient async = KinesisAsyncClient.builder().endpointOverride(endpoint())
        .region(Region.US_EAST_1).credentialsProvider(credentials(ID, SECRET)).build()) {
      assertThat(async.listStreams(r -> r.limit(5)).orTimeout(30, TimeUnit.SECONDS).join().streamNames())
          .containsExactly("signed-only");
    }
  }

  @Test
  void wrongSecretIsInvalidSignature() {
    try (KinesisClient kinesis = client(ID, "notTheSecret")) {
      assertThatThrownBy(kinesis::listStreams).isInstanceOf(AwsServiceException.class)
          .satisfies(e -> assertThat(((AwsServiceException) e).awsErrorDetails().errorCode())
              .isEqualTo("InvalidSignatureException"))
          .satisfies(e -> assertThat(((AwsServiceException) e).statusCode()).isEqualTo(400));
    }
  }

  @Test
  void unknownKeyIsUnrecognizedClient() {
    try (KinesisClient kinesis = client("AKIDNOBODY", SECRET)) {
      assertThatThrownBy(kinesis::listStreams).isInstanceOf(AwsServiceException.class)
          .satisfies(e -> assertThat(((AwsServiceException) e).awsErrorDetails().errorCode())
              .isEqualTo("UnrecognizedClientException"));
    }
  }

  /**
   * The SDK takes its clock offset from a global when a client is built; an offset of six minutes
   * makes it sign as if its clock were behind by that much.
   */
  @Test
  void aDateSixMinutesOldHasExpiredUntilTheSdkCorrectsItsClockFromOurDate() {
    try (KinesisClient once = sixMinutesBehind(AwsRetryStrategy.doNotRetry())) {
      assertThatThrownBy(once::listStreams).isInstanceOf(AwsServiceException.class)
          .satisfies(e -> assertThat(((AwsServiceException) e).awsErrorDetails().errorCode())
              .isEqualTo("InvalidSignatureException"))
          .hasMessageContaining("Signature expired");
    }
    try (KinesisClient retrying = sixMinutesBehind(AwsRetryStrategy.defaultRetryStrategy())) {
      assertThat(retrying.listStreams().streamNames()).containsExactly("signed-only");
    } finally {
      SdkGlobalTime.setGlobalTimeOffset(0);
    }
  }

  private static KinesisClient sixMinutesBehind(RetryStrategy retries) {
    SdkGlobalTime.setGlobalTimeOffset((int) Duration.ofMinutes(6).toSeconds());
    try {
      return KinesisClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
          .credentialsProvider(credentials(ID, SECRET))
          .overrideConfiguration(o -> o.retryStrategy(retries))
          .build();
    } finally {
      SdkGlobalTime.setGlobalTimeOffset(0);
    }
  }

  private static KinesisClient client(String id, String secret) {
    return KinesisClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(credentials(id, secret))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  private static StaticCredentialsProvider credentials(String id, String secret) {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(id, secret));
  }

  private static URI endpoint() {
    return URI.create("http://" + gateway.address());
  }
}

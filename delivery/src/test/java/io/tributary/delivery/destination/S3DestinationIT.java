package io.tributary.delivery.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.delivery.spec.DestinationUri;
import io.tributary.delivery.testing.S3TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class S3DestinationIT {
  private static S3TestServer s3;

  @BeforeAll
  static void startStore() throws Exception {
    s3 = new S3TestServer().start();
    s3.createBucket("deliveries");
  }

  @AfterAll
  static void stopStore() throws Exception {
    s3.close();
  }

  private static Map<String, String> options() {
    return Map.of("s3.endpoint", s3.endpoint(), "s3.access-key-id", s3.accessKey(),
        "s3.secret-access-key", s3.secretKey());
  }

  private static DeliveryBatch batch(String key, String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    return new DeliveryBatch(key, b, List.of(), 1, b.length, 0);
  }

  @Test
  void putsEachBatchUnderTheUriPrefixAndAPutTwiceLeavesOneObjectWithTheSameBytes() throws Exception {
    try (Destination d = Destinations.open(DestinationUri.parse("s3://deliveries/raw"), options())) {
      d.deliver(batch("2026/11/30/clicks-1", "{\"a\":1}\n{\"a\":2}\n"));
      d.deliver(batch("2026/11/30/clicks-1", "{\"a\":1}\n{\"a\":2}\n"));
      d.deliver(batch("2026/11/30/clicks-2", "{\"a\":3}\n"));
    }
    Map<String, byte[]> objects = s3.objects("deliveries", "raw/");
    assertThat(objects).containsOnlyKeys("raw/2026/11/30/clicks-1", "raw/2026/11/30/clicks-2");
    assertThat(new String(objects.get("raw/2026/11/30/clicks-1"), StandardCharsets.UTF_8))
        .isEqualTo("{\"a\":1}\n{\"a\":2}\n");
  }

  @Test
  void failsNamingTheDestinationWhenTheBucketIsMissingOrTheKeysAreWrong() throws Exception {
    try (Destination d = Destinations.open(DestinationUri.parse("s3://missing-bucket/p"), options())) {
      assertThatThrownBy(() -> d.deliver(batch("o-1", "x")))
          .hasMessageContaining("S3 destination s3://missing-bucket/p: PutObject of s3://missing-bucket/p/o-1 failed");
    }
    Map<String, String> wrongSecret = Map.of("s3.endpoint", s3.endpoint(), "s3.access-key-id", s3.accessKey(),
        "s3.secret-access-key", "wrong");
    try (Destination d = Destinations.open(DestinationUri.parse("s3://deliveries/denied"), wrongSecret)) {
      assertThatThrownBy(() -> d.deliver(batch("o-1", "x")))
          .hasMessageContaining("PutObject of s3://deliveries/denied/o-1 failed");
    }
    assertThat(s3.objects("deliveries", "denied/")).isEmpty();
  }

  @Test
  void probeChecksTheBucket() {
    assertThat(Destinations.probe(DestinationUri.parse("s3://deliveries/raw"), options(), Duration.ofSeconds(10)))
        .isEmpty();
    assertThat(Destinations.probe(DestinationUri.parse("s3://missing-bucket"), options(), Duration.ofSeconds(10)))
        .hasValueSatisfying(w -> assertThat(w).contains("is not reachable now (").contains("missing-bucket"));
  }
}

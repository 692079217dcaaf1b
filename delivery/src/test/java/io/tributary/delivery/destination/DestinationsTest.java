package io.tributary.delivery.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.error.TributaryException;
import io.tributary.delivery.spec.DestinationUri;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DestinationsTest {
  private static final DestinationUri S3 = DestinationUri.parse("s3://bucket/prefix");
  private static final DestinationUri HTTP = DestinationUri.parse("http://127.0.0.1:1/ingest");
  private static final DestinationUri JDBC = DestinationUri.parse("jdbc:postgresql://127.0.0.1:1/db");
  private static final Map<String, String> JDBC_OK = Map.of("jdbc.table", "public.clicks", "jdbc.columns", "id, user_id");

  @TempDir Path dir;

  @Test
  void refusesUnknownOptionsNamingTheAcceptedOnes() {
    assertThatThrownBy(() -> Destinations.validateOptions(S3, Map.of("s3.bucket", "x")))
        .isInstanceOf(TributaryException.class)
        .hasMessageContaining("option 's3.bucket' does not apply to s3 destinations")
        .hasMessageContaining("s3.endpoint, s3.region, s3.access-key-id, s3.secret-access-key, s3.path-style");
    assertThatThrownBy(() -> Destinations.validateOptions(DestinationUri.parse("file:///tmp/x"),
        Map.of("s3.region", "x"))).hasMessageContaining("file destinations take no options");
    assertThatThrownBy(() -> Destinations.validateOptions(HTTP, Map.of("jdbc.table", "t")))
        .hasMessageContaining("accepted: http.timeout, http.header.NAME");
  }

  @Test
  void acceptsEachKindsOwnOptions() {
    assertThatCode(() -> Destinations.validateOptions(S3, Map.of("s3.endpoint", "http://127.0.0.1:9000",
        "s3.region", "eu-west-1", "s3.access-key-id", "k", "s3.secret-access-key", "s", "s3.path-style", "false")))
        .doesNotThrowAnyException();
    assertThatCode(() -> Destinations.validateOptions(HTTP, Map.of("http.timeout", "10s",
        "http.header.Authorization", "Bearer x"))).doesNotThrowAnyException();
    assertThatCode(() -> Destinations.validateOptions(JDBC, JDBC_OK)).doesNotThrowAnyException();
  }

  @Test
  void aDeliveryStreamsOptionsApplyToItsDestinationOrItsErrorDestination() {
    Map<String, String> jdbcAndS3 = Map.of("jdbc.table", "clicks", "jdbc.columns", "id,customer",
        "s3.endpoint", "http://127.0.0.1:9000");
    assertThatCode(() -> Destinations.validateOptions(spec("jdbc:postgresql://db/a", "file:///tmp/errors",
        Map.of("jdbc.table", "clicks", "jdbc.columns", "id")))).doesNotThrowAnyException();
    assertThatCode(() -> Destinations.validateOptions(spec("jdbc:postgresql://db/a", "s3://errors/x/", jdbcAndS3)))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> Destinations.validateOptions(spec("jdbc:postgresql://db/a", "file:///tmp/errors",
        jdbcAndS3)))
        .isInstanceOf(TributaryException.class)
        .hasMessageContaining("option 's3.endpoint' does not apply to jdbc destinations nor to file error destinations");
    assertThat(Destinations.optionsFor(DestinationUri.parse("s3://errors/x/"), jdbcAndS3))
        .containsOnlyKeys("s3.endpoint");
  }

  private static io.tributary.delivery.spec.DeliverySpec spec(String destination, String errorDestination,
      Map<String, String> options) {
    return new io.tributary.delivery.spec.DeliverySpec("d", "d-delivery-source", true, 0, destination, options,
        io.tributary.delivery.BufferingHints.MIB, 1000, null, "", null, null, null, errorDestination, Map.of(), true,
        "", 1000, 1, 1000);
  }

  @Test
  void refusesBadS3Options() {
    assertThatThrownBy(() -> Destinations.validateOptions(S3, Map.of("s3.endpoint", "127.0.0.1:9000")))
        .hasMessageContaining("is not an http(s) URL");
    assertThatThrownBy(() -> Destinations.validateOptions(S3, Map.of("s3.access-key-id", "k")))
        .hasMessageContaining("need both s3.access-key-id and s3.secret-access-key");
    assertThatThrownBy(() -> Destinations.validateOptions(S3, Map.of("s3.path-style", "yes")))
        .hasMessageContaining("is not true or false");
  }

  @Test
  void refusesBadHttpOptions() {
    assertThatThrownBy(() -> Destinations.validateOptions(HTTP, Map.of("http.timeout", "soon")))
        .hasMessageContaining("http.timeout");
    assertThatThrownBy(() -> Destinations.validateOptions(HTTP, Map.of("http.header.Host", "x")))
        .hasMessageContaining("does not name a header that can be set");
    assertThatThrownBy(() -> Destinations.validateOptions(HTTP, Map.of("http.header.X-A", "a\r\nB: c")))
        .hasMessageContaining("line break");
  }

  @Test
  void jdbcNeedsATableAndColumnsWithPlainIdentifiers() {
    assertThatThrownBy(() -> Destinations.validateOptions(JDBC, Map.of("jdbc.columns", "a")))
        .hasMessageContaining("--option jdbc.table=TABLE");
    assertThatThrownBy(() -> Destinations.validateOptions(JDBC, Map.of("jdbc.table", "t")))
        .hasMessageContaining("--option jdbc.columns=COL1,COL2");
    assertThatThrownBy(() -> Destinations.validateOptions(JDBC, Map.of("jdbc.table", "t; drop table x",
        "jdbc.columns", "a"))).hasMessageContaining("is not a table name");
    assertThatThrownBy(() -> Destinations.validateOptions(JDBC, Map.of("jdbc.table", "t",
        "jdbc.columns", "a,\"b\""))).hasMessageContaining("'\"b\"', which is not a column name");
    assertThatThrownBy(() -> Destinations.validateOptions(JDBC, Map.of("jdbc.table", "t",
        "jdbc.columns", "a,A"))).hasMessageContaining("names column 'A' twice");
  }

  @Test
  void openRefusesWhatValidationRefuses() {
    assertThatThrownBy(() -> Destinations.open(JDBC, Map.of("jdbc.table", "t")))
        .isInstanceOf(TributaryException.class);
  }

  @Test
  void probeOfAFileDestinationChecksTheDirectoryCanBeWritten() throws IOException {
    assertThat(Destinations.probe(DestinationUri.parse("file://" + dir.resolve("new/sub")), Map.of(),
        Duration.ofSeconds(1))).isEmpty();
    Files.writeString(dir.resolve("plain"), "x");
    assertThat(Destinations.probe(DestinationUri.parse("file://" + dir.resolve("plain/sub")), Map.of(),
        Duration.ofSeconds(1))).hasValueSatisfying(w -> assertThat(w)
        .startsWith("destination file://" + dir.resolve("plain/sub") + " is not reachable now (")
        .contains(dir.resolve("plain") + " is not a directory")
        .endsWith("); records will be buffered and delivered when it is"));
  }

  @Test
  void probeWarnsWhenNothingListensAtAnHttpOrJdbcDestination() throws IOException {
    int port = closedPort();
    DestinationUri http = DestinationUri.parse("http://127.0.0.1:" + port + "/ingest");
    assertThat(Destinations.probe(http, Map.of(), Duration.ofSeconds(2)))
        .hasValueSatisfying(w -> assertThat(w).contains("is not reachable now (cannot connect to 127.0.0.1:" + port));
    DestinationUri jdbc = DestinationUri.parse("jdbc:postgresql://127.0.0.1:" + port + "/db");
    assertThat(Destinations.probe(jdbc, JDBC_OK, Duration.ofSeconds(2)))
        .hasValueSatisfying(w -> assertThat(w).startsWith("destination " + jdbc.uri() + " is not reachable now ("));
  }

  @Test
  void probeOfAnHttpDestinationIsQuietWhenSomethingListens() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      DestinationUri http = DestinationUri.parse("http://127.0.0.1:" + s.getLocalPort() + "/ingest");
      assertThat(Destinations.probe(http, Map.of(), Duration.ofSeconds(2))).isEmpty();
    }
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}

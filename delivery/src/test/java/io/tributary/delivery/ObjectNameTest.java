package io.tributary.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ObjectNameTest {
  private static final Instant ARRIVAL = Instant.parse("2024-03-07T09:05:06.789Z");

  @Test
  void namesTheObjectFromItsCheckpointedIdentity() {
    ObjectName name = new ObjectName(
        "events/acme/", "orders", ARRIVAL, 3, 17, 2, OutputFormat.JSON, Compression.GZIP);

    assertThat(name.key()).isEqualTo("events/acme/orders-2024-03-07-09-05-06-3-17-2.json.gz");
    assertThat(name.fileName()).isEqualTo("orders-2024-03-07-09-05-06-3-17-2.json.gz");
    assertThat(name).hasToString(name.key());
  }

  @Test
  void theSameIdentityGivesTheSameNameSoARetryOverwrites() {
    ObjectName first = new ObjectName("p/", "s", ARRIVAL, 0, 5, 0, OutputFormat.JSON, Compression.NONE);
    ObjectName retried = new ObjectName("p/", "s", ARRIVAL, 0, 5, 0, OutputFormat.JSON, Compression.NONE);
    ObjectName next = new ObjectName("p/", "s", ARRIVAL, 0, 5, 1, OutputFormat.JSON, Compression.NONE);

    assertThat(retried.key()).isEqualTo(first.key());
    assertThat(next.key()).isNotEqualTo(first.key());
  }

  @Test
  void extensionsFollowFormatThenCodecExceptParquetWhichEndsTheName() {
    assertThat(ObjectName.extension(OutputFormat.JSON, Compression.NONE)).isEqualTo(".json");
    assertThat(ObjectName.extension(OutputFormat.JSON, Compression.GZIP)).isEqualTo(".json.gz");
    assertThat(ObjectName.extension(OutputFormat.JSON, Compression.ZSTD)).isEqualTo(".json.zst");
    assertThat(ObjectName.extension(OutputFormat.JSON, Compression.SNAPPY)).isEqualTo(".json.snappy");
    assertThat(ObjectName.extension(OutputFormat.PARQUET, Compression.NONE)).isEqualTo(".parquet");
    assertThat(ObjectName.extension(OutputFormat.PARQUET, Compression.SNAPPY))
        .isEqualTo(".snappy.parquet");
  }

  @Test
  void refusesAnInvalidDeliveryStreamName() {
    for (String bad : new String[] {"", "a b", "x".repeat(65), null}) {
      assertThatThrownBy(() -> new ObjectName(
              "", bad, ARRIVAL, 0, 0, 0, OutputFormat.JSON, Compression.NONE))
          .isInstanceOfSatisfying(TributaryException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
          .hasMessage("delivery stream name '" + bad
              + "' is not 1-64 letters, digits, '_', '.' or '-'; choose another name");
    }
  }

  @Test
  void refusesNegativeParts() {
    assertThatThrownBy(() -> new ObjectName(
            "", "s", ARRIVAL, -1, 2, 3, OutputFormat.JSON, Compression.NONE))
        .isInstanceOf(TributaryException.class)
        .hasMessage("object name parts must not be negative (subtask -1, checkpoint 2, sequence 3);"
            + " pass the values the checkpoint restored");
    assertThatThrownBy(() -> new ObjectName(
            "", "s", ARRIVAL, 0, -1, 0, OutputFormat.JSON, Compression.NONE))
        .isInstanceOf(TributaryException.class);
    assertThatThrownBy(() -> new ObjectName(
            "", "s", ARRIVAL, 0, 0, -1, OutputFormat.JSON, Compression.NONE))
        .isInstanceOf(TributaryException.class);
  }

  @Test
  void theSeedDependsOnlyOnTheObjectIdentity() {
    assertThat(ObjectName.seed("s", 1, 2, 3)).isEqualTo(ObjectName.seed("s", 1, 2, 3));
    assertThat(ObjectName.seed("s", 1, 2, 3))
        .isNotEqualTo(ObjectName.seed("s", 1, 2, 4))
        .isNotEqualTo(ObjectName.seed("s", 1, 3, 3))
        .isNotEqualTo(ObjectName.seed("s", 2, 2, 3))
        .isNotEqualTo(ObjectName.seed("t", 1, 2, 3));
  }

  @Test
  void parsesFormatsAndCodecsByTheirCliNames() {
    assertThat(OutputFormat.parse("JSON")).isEqualTo(OutputFormat.JSON);
    assertThat(OutputFormat.parse("parquet")).isEqualTo(OutputFormat.PARQUET);
    assertThat(Compression.parse("zstd")).isEqualTo(Compression.ZSTD);
    assertThat(Compression.parse("none")).isEqualTo(Compression.NONE);
    assertThat(Compression.GZIP).hasToString("gzip");
    assertThatThrownBy(() -> OutputFormat.parse("orc"))
        .isInstanceOf(TributaryException.class)
        .hasMessage("unknown format 'orc'; use --format json or --format parquet");
    assertThatThrownBy(() -> Compression.parse("zip"))
        .isInstanceOf(TributaryException.class)
        .hasMessage("unknown compression 'zip'; use --compression none, gzip, zstd or snappy");
  }
}

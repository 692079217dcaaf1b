package io.tributary.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TableTest {

  @Test
  void columnsAreAlignedUnderTheirHeaders() {
    Table table = Table.of("SHARD", "RECORDS", "NOTE").alignRight(1)
        .row("shardId-000000000000", 5, "a")
        .row("s1", 12345, null);

    assertThat(table.toString().lines()).containsExactly(
        "SHARD                 RECORDS  NOTE",
        "shardId-000000000000        5  a",
        "s1                      12345  -");
  }

  @Test
  void rowsMustMatchTheHeaders() {
    assertThatThrownBy(() -> Table.of("A", "B").row("only one"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 cells but the table has 2 columns");
  }

  @Test
  void humanFormats() {
    assertThat(Human.bytes(512)).isEqualTo("512 B");
    assertThat(Human.bytes(1536)).isEqualTo("1.5 KiB");
    assertThat(Human.bytes(200L * 1024 * 1024)).isEqualTo("200 MiB");
    assertThat(Human.count(1234567)).isEqualTo("1,234,567");
    assertThat(Human.hours(24)).isEqualTo("24h");
    assertThat(Human.hours(168)).isEqualTo("7d");
    assertThat(Human.hours(30)).isEqualTo("30h");
    assertThat(Human.duration(Duration.ofMillis(350))).isEqualTo("350 ms");
    assertThat(Human.duration(Duration.ofMillis(12_500))).isEqualTo("12.5 s");
    assertThat(Human.duration(Duration.ofSeconds(200))).isEqualTo("3m 20s");
    assertThat(Human.duration(Duration.ofMinutes(125))).isEqualTo("2h 5m");
    assertThat(Human.time(0)).isEqualTo("1970-01-01 00:00:00Z");
  }
}

package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.client.Position;
import io.tributary.proto.v1.Acks;
import io.tributary.proto.v1.IteratorType;
import io.tributary.proto.v1.StreamMode;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class ConvertersTest {
  private final Converters.PositionConverter positions = new Converters.PositionConverter();

  @Test
  void positionsOfEveryKind() {
    assertThat(positions.convert("trim-horizon")).isEqualTo(Position.trimHorizon());
    assertThat(positions.convert("latest")).isEqualTo(Position.latest());
    assertThat(positions.convert("at:42")).isEqualTo(Position.atSequence(42));
    assertThat(positions.convert("after:0")).isEqualTo(Position.afterSequence(0));
    assertThat(positions.convert("time:2026-01-31T12:00:00Z"))
        .isEqualTo(Position.atTimestamp(Instant.parse("2026-01-31T12:00:00Z")));
    assertThat(positions.convert("time:2026-01-31T13:00:00+01:00").timestampMillis())
        .isEqualTo(Instant.parse("2026-01-31T12:00:00Z").toEpochMilli());
    assertThat(positions.convert("at:7").type()).isEqualTo(IteratorType.AT_SEQUENCE_NUMBER);
  }

  @Test
  void badPositionsNameTheAcceptedForms() {
    assertThatThrownBy(() -> positions.convert("start")).isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("trim-horizon, latest, at:SEQ, after:SEQ or time:ISO8601");
    assertThatThrownBy(() -> positions.convert("at:x")).hasMessageContaining("sequence number >= 0");
    assertThatThrownBy(() -> positions.convert("time:31/01/2026")).hasMessageContaining("ISO-8601");
  }

  @Test
  void retentionIsWholeHours() {
    Converters.HoursConverter hours = new Converters.HoursConverter();
    assertThat(hours.convert("24h")).isEqualTo(24);
    assertThat(hours.convert("7d")).isEqualTo(168);
    assertThat(hours.convert("120m")).isEqualTo(2);
    assertThatThrownBy(() -> hours.convert("90m")).hasMessageContaining("whole, positive number of hours");
    assertThatThrownBy(() -> hours.convert("0h")).hasMessageContaining("whole, positive number of hours");
    assertThatThrownBy(() -> hours.convert("1 day")).hasMessageContaining("not a number followed by");
  }

  @Test
  void acksAndModes() {
    assertThat(new Converters.AcksConverter().convert("leader")).isEqualTo(Acks.ACKS_LEADER);
    assertThat(new Converters.AcksConverter().convert("ALL")).isEqualTo(Acks.ACKS_ALL);
    assertThat(new Converters.ModeConverter().convert("on-demand")).isEqualTo(StreamMode.ON_DEMAND);
    assertThat(new Converters.ModeConverter().convert("provisioned")).isEqualTo(StreamMode.PROVISIONED);
    assertThatThrownBy(() -> new Converters.AcksConverter().convert("1")).hasMessageContaining("leader or all");
  }
}

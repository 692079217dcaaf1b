package io.tributary.cli.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DeliveryConvertersTest {
  @Test
  void sizesAreBytesOrBinaryAndDecimalUnits() {
    assertThat(DeliveryConverters.size("1048576")).isEqualTo(1_048_576L);
    assertThat(DeliveryConverters.size("5MiB")).isEqualTo(5L << 20);
    assertThat(DeliveryConverters.size("5mib")).isEqualTo(5L << 20);
    assertThat(DeliveryConverters.size("64KiB")).isEqualTo(64L << 10);
    assertThat(DeliveryConverters.size("1GiB")).isEqualTo(1L << 30);
    assertThat(DeliveryConverters.size("2MB")).isEqualTo(2_000_000L);
  }

  @Test
  void badSizesSayWhatIsExpected() {
    assertThatThrownBy(() -> DeliveryConverters.size("5 parsecs")).isInstanceOf(TypeConversionException.class)
        .hasMessage("'5 parsecs' is not a size; write bytes (1048576) or a number with KiB, MiB or GiB (5MiB)");
    assertThatThrownBy(() -> DeliveryConverters.size("-1")).isInstanceOf(TypeConversionException.class);
    assertThatThrownBy(() -> DeliveryConverters.size("99999999999999999999")).hasMessageContaining("too large");
    assertThatThrownBy(() -> DeliveryConverters.size("9999999999GiB")).hasMessageContaining("too large");
  }

  @Test
  void durationsTakeTheUsualUnitsIncludingZero() {
    assertThat(DeliveryConverters.duration("300s")).isEqualTo(Duration.ofSeconds(300));
    assertThat(DeliveryConverters.duration("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(DeliveryConverters.duration("0s")).isZero();
    assertThat(DeliveryConverters.duration("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThatThrownBy(() -> DeliveryConverters.duration("5 minutes")).isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("'5 minutes'").hasMessageEndingWith("; e.g. 300s, 5m or 0s");
  }

  @Test
  void keyValuePairsSplitAtTheFirstEqualsSignAndRefuseRepeats() {
    assertThat(DeliverySpecOptions.pairs(List.of("http.header.X-A=b=c", "http.timeout=5s"), "--option",
        "KEY=VALUE")).containsExactly(Map.entry("http.header.X-A", "b=c"), Map.entry("http.timeout", "5s"));
    assertThatThrownBy(() -> DeliverySpecOptions.pairs(List.of("novalue"), "--option", "KEY=VALUE"))
        .hasMessage("'novalue' is not KEY=VALUE; write --option KEY=VALUE");
    assertThatThrownBy(() -> DeliverySpecOptions.pairs(List.of("=x"), "--partition-key", "NAME=JSON_PATH"))
        .hasMessage("'=x' is not NAME=JSON_PATH; write --partition-key NAME=JSON_PATH");
    assertThatThrownBy(() -> DeliverySpecOptions.pairs(List.of("a=1", "a=2"), "--partition-key", "NAME=JSON_PATH"))
        .hasMessage("--partition-key a is given twice; give each once");
  }
}

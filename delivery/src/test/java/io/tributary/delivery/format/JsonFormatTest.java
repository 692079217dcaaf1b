package io.tributary.delivery.format;

import static io.tributary.delivery.format.FormatTestSupport.spec;
import static io.tributary.delivery.format.FormatTestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.delivery.Compression;
import io.tributary.delivery.OutputFormat;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JsonFormatTest {
  private static final List<byte[]> RECORDS = List.of(utf8("{\"a\":1}"), utf8("{\"a\":2}"), utf8("not json"));

  @Test
  void newlineDelimiterEndsEveryRecord() {
    ObjectEncoder encoder = ObjectEncoder.forSpec(spec(OutputFormat.JSON, null, Compression.NONE, true));

    assertThat(new String(encoder.encode(RECORDS), StandardCharsets.UTF_8))
        .isEqualTo("{\"a\":1}\n{\"a\":2}\nnot json\n");
  }

  @Test
  void withoutDelimiterRecordsAreConcatenated() {
    ObjectEncoder encoder = ObjectEncoder.forSpec(spec(OutputFormat.JSON, null, Compression.NONE, false));

    assertThat(new String(encoder.encode(RECORDS), StandardCharsets.UTF_8))
        .isEqualTo("{\"a\":1}{\"a\":2}not json");
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void theWholeObjectIsCompressed(Compression compression) {
    ObjectEncoder encoder = ObjectEncoder.forSpec(spec(OutputFormat.JSON, null, compression, true));

    byte[] object = encoder.encode(RECORDS);

    assertThat(new String(Codecs.decompress(compression, object), StandardCharsets.UTF_8))
        .isEqualTo("{\"a\":1}\n{\"a\":2}\nnot json\n");
  }

  @Test
  void anyBytesPassTheConversionCheck() {
    ObjectEncoder encoder = ObjectEncoder.forSpec(spec(OutputFormat.JSON, null, Compression.NONE, true));

    assertThat(encoder.conversionProblem(utf8("not json"))).isNull();
    assertThat(encoder.conversionProblem(new byte[] {(byte) 0xff, 0})).isNull();
  }

  @Test
  void anEmptyObjectIsEmpty() {
    ObjectEncoder encoder = ObjectEncoder.forSpec(spec(OutputFormat.JSON, null, Compression.NONE, true));

    assertThat(encoder.encode(List.of())).isEmpty();
  }
}

package io.tributary.delivery.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.delivery.ErrorOutputType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorRecordsTest {
  @Test
  void writesFirehoseErrorOutputFieldsAsOneJsonLine() throws Exception {
    byte[] raw = {'{', '"', 'x', (byte) 0xff, '\n', 0};
    ErrorRecord record = new ErrorRecord(ErrorOutputType.FORMAT_CONVERSION_FAILED, "Conversion.SchemaMismatch",
        "field 'amount' expects \"int64\"", raw, 1_700_000_000_123L, 0, 1_700_000_000_456L, "clicks");

    byte[] line = ErrorRecords.encode(record);

    assertThat(line[line.length - 1]).isEqualTo((byte) '\n');
    assertThat(new String(line, 0, line.length - 1, StandardCharsets.UTF_8)).doesNotContain("\n");
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.get("attemptsMade").intValue()).isZero();
    assertThat(json.get("arrivalTimestamp").longValue()).isEqualTo(1_700_000_000_123L);
    assertThat(json.get("errorCode").textValue()).isEqualTo("Conversion.SchemaMismatch");
    assertThat(json.get("errorMessage").textValue()).isEqualTo("field 'amount' expects \"int64\"");
    assertThat(json.get("attemptEndingTimestamp").longValue()).isEqualTo(1_700_000_000_456L);
    assertThat(Base64.getDecoder().decode(json.get("rawData").textValue())).isEqualTo(raw);
    assertThat(json.get("deliveryStreamName").textValue()).isEqualTo("clicks");
    List<String> names = new ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactly("attemptsMade", "arrivalTimestamp", "errorCode", "errorMessage",
        "attemptEndingTimestamp", "rawData", "deliveryStreamName");
  }
}

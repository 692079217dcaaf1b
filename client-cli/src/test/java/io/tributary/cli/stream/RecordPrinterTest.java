package io.tributary.cli.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.cli.output.Json;
import io.tributary.cli.output.Output;
import io.tributary.cli.output.OutputFormat;
import io.tributary.client.ReceivedRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordPrinterTest {
  private static final ReceivedRecord TEXT = new ReceivedRecord("shardId-000000000000", 7, 1000, "user-1",
      "{\"page\":\"/\"}\tü".getBytes(StandardCharsets.UTF_8));
  private static final ReceivedRecord BINARY = new ReceivedRecord("shardId-000000000001", 0, 2000, "k",
      new byte[] {(byte) 0xff, 0, 1});

  @Test
  void jsonIsOneArrayWithTextOrBase64Data() throws Exception {
    String out = print(OutputFormat.JSON, false, List.of(TEXT), List.of(BINARY));

    JsonNode array = Json.MAPPER.readTree(out);
    assertThat(array.size()).isEqualTo(2);
    JsonNode first = array.get(0);
    assertThat(first.get("shard").asText()).isEqualTo("shardId-000000000000");
    assertThat(first.get("sequence").asLong()).isEqualTo(7);
    assertThat(first.get("partitionKey").asText()).isEqualTo("user-1");
    assertThat(first.get("arrival").asText()).isEqualTo("1970-01-01T00:00:01Z");
    assertThat(first.get("data").asText()).isEqualTo("{\"page\":\"/\"}\tü");
    assertThat(first.has("dataBase64")).isFalse();
    assertThat(array.get(1).get("dataBase64").asText()).isEqualTo("/wAB");
    assertThat(array.get(1).has("data")).isFalse();
  }

  @Test
  void jsonWithoutRecordsIsAnEmptyArray() throws Exception {
    assertThat(Json.MAPPER.readTree(print(OutputFormat.JSON, false)).isEmpty()).isTrue();
  }

  @Test
  void followInJsonPrintsOneObjectPerLine() throws Exception {
    List<String> lines = print(OutputFormat.JSON, true, List.of(TEXT, BINARY)).lines().toList();

    assertThat(lines).hasSize(2);
    assertThat(Json.MAPPER.readTree(lines.get(1)).get("sequence").asLong()).isZero();
  }

  @Test
  void tableRowsEscapeControlCharacters() {
    List<String> lines = print(OutputFormat.TABLE, false, List.of(TEXT, BINARY)).lines().toList();

    assertThat(lines.get(0)).startsWith("SHARD").contains("SEQUENCE", "ARRIVAL", "KEY", "DATA");
    assertThat(lines.get(1)).contains("shardId-000000000000", " 7 ", "user-1", "{\"page\":\"/\"}\\tü");
    assertThat(lines.get(2)).contains("base64:/wAB");
    assertThat(lines.get(1).indexOf("user-1")).isEqualTo(lines.get(2).indexOf("k "));
  }

  @SafeVarargs
  private static String print(OutputFormat format, boolean follow, List<ReceivedRecord>... batches) {
    StringWriter text = new StringWriter();
    PrintWriter writer = new PrintWriter(text);
    try (RecordPrinter printer = RecordPrinter.create(new Output(format, writer), follow)) {
      for (List<ReceivedRecord> batch : batches) {
        printer.print(batch);
      }
    }
    writer.flush();
    return text.toString();
  }
}

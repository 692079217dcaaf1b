package io.tributary.delivery.format;

import static io.tributary.delivery.format.FormatTestSupport.readParquet;
import static io.tributary.delivery.format.FormatTestSupport.spec;
import static io.tributary.delivery.format.FormatTestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.delivery.Compression;
import io.tributary.delivery.OutputFormat;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ParquetFormatTest {
  private static final String SCHEMA = "message events {\n"
      + "  required binary customer (STRING);\n"
      + "  optional int64 amount;\n"
      + "  optional int32 quantity;\n"
      + "  optional boolean paid;\n"
      + "  optional float ratio;\n"
      + "  optional double price;\n"
      + "  repeated binary tags (STRING);\n"
      + "  optional group address { required binary city (STRING); optional int32 zip; }\n"
      + "}";

  private static ObjectEncoder encoder(Compression compression) {
    return ObjectEncoder.forSpec(spec(OutputFormat.PARQUET, SCHEMA, compression, true));
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void writesAFileParquetReadsBackWithTheDeclaredSchemaAndCodec(Compression compression) throws Exception {
    List<byte[]> records = List.of(
        utf8("{\"customer\":\"ann\",\"amount\":9000000000,\"quantity\":3,\"paid\":true,\"ratio\":0.5,"
            + "\"price\":12.25,\"tags\":[\"new\",\"vip\"],\"address\":{\"city\":\"Oslo\",\"zip\":150},"
            + "\"unknown\":{\"ignored\":1}}"),
        utf8("{\"customer\":\"bob\",\"amount\":null}"));

    byte[] file = encoder(compression).encode(records);

    try (ParquetFileReader reader = ParquetFileReader.open(new FormatTestSupport.BytesInputFile(file))) {
      ParquetMetadata footer = reader.getFooter();
      assertThat(footer.getFileMetaData().getSchema()).isEqualTo(MessageTypeParser.parseMessageType(SCHEMA));
      ColumnChunkMetaData column = footer.getBlocks().get(0).getColumns().get(0);
      assertThat(column.getCodec()).isEqualTo(expectedCodec(compression));
    }
    List<Group> rows = readParquet(file);
    assertThat(rows).hasSize(2);
    Group ann = rows.get(0);
    assertThat(ann.getString("customer", 0)).isEqualTo("ann");
    assertThat(ann.getLong("amount", 0)).isEqualTo(9_000_000_000L);
    assertThat(ann.getInteger("quantity", 0)).isEqualTo(3);
    assertThat(ann.getBoolean("paid", 0)).isTrue();
    assertThat(ann.getFloat("ratio", 0)).isEqualTo(0.5f);
    assertThat(ann.getDouble("price", 0)).isEqualTo(12.25);
    assertThat(ann.getFieldRepetitionCount("tags")).isEqualTo(2);
    assertThat(ann.getString("tags", 1)).isEqualTo("vip");
    assertThat(ann.getGroup("address", 0).getString("city", 0)).isEqualTo("Oslo");
    assertThat(ann.getGroup("address", 0).getInteger("zip", 0)).isEqualTo(150);
    Group bob = rows.get(1);
    assertThat(bob.getString("customer", 0)).isEqualTo("bob");
    assertThat(bob.getFieldRepetitionCount("amount")).isZero();
    assertThat(bob.getFieldRepetitionCount("tags")).isZero();
    assertThat(bob.getFieldRepetitionCount("address")).isZero();
  }

  @Test
  void manyRecordsKeepTheirOrder() throws Exception {
    List<byte[]> records = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      records.add(utf8("{\"customer\":\"c" + (i % 7) + "\",\"amount\":" + i + "}"));
    }

    List<Group> rows = readParquet(encoder(Compression.SNAPPY).encode(records));

    assertThat(rows).hasSize(5_000);
    for (int i = 0; i < rows.size(); i += 997) {
      assertThat(rows.get(i).getLong("amount", 0)).isEqualTo(i);
      assertThat(rows.get(i).getString("customer", 0)).isEqualTo("c" + (i % 7));
    }
  }

  @Test
  void aMatchingRecordHasNoProblem() {
    assertThat(encoder(Compression.NONE).conversionProblem(
        utf8("{\"customer\":\"ann\",\"amount\":3,\"price\":2,\"extra\":[1]}"))).isNull();
  }

  @Test
  void aRecordThatIsNotJsonIsRefused() {
    assertThat(encoder(Compression.NONE).conversionProblem(utf8("customer=ann")))
        .startsWith("record is not JSON (")
        .contains("one JSON object per record");
  }

  @Test
  void aRecordThatIsNotAnObjectIsRefused() {
    assertThat(encoder(Compression.NONE).conversionProblem(utf8("[{\"customer\":\"ann\"}]")))
        .startsWith("record is not a JSON object but [{\"customer\":\"ann\"}] (a JSON array)");
    assertThat(encoder(Compression.NONE).conversionProblem(utf8("{\"customer\":\"ann\"} trailing")))
        .startsWith("record is not JSON (");
  }

  @Test
  void aMissingRequiredFieldIsNamed() {
    assertThat(encoder(Compression.NONE).conversionProblem(utf8("{\"amount\":3}")))
        .isEqualTo("missing required field 'customer' (required binary (STRING))");
    assertThat(encoder(Compression.NONE).conversionProblem(utf8("{\"customer\":null}")))
        .isEqualTo("missing required field 'customer' (required binary (STRING))");
    assertThat(encoder(Compression.NONE).conversionProblem(utf8("{\"customer\":\"a\",\"address\":{\"zip\":1}}")))
        .isEqualTo("missing required field 'address.city' (required binary (STRING))");
  }

  @Test
  void aValueOfTheWrongTypeNamesFieldExpectedTypeAndValue() {
    ObjectEncoder encoder = encoder(Compression.NONE);

    assertThat(encoder.conversionProblem(utf8("{\"customer\":\"a\",\"amount\":\"12x\"}")))
        .isEqualTo("field 'amount' expects optional int64 but the record has \"12x\" (a JSON string)");
    assertThat(encoder.conversionProblem(utf8("{\"customer\":\"a\",\"amount\":1.5}")))
        .isEqualTo("field 'amount' expects optional int64 but the record has 1.5 (a JSON number)");
    assertThat(encoder.conversionProblem(utf8("{\"customer\":\"a\",\"quantity\":3000000000}")))
        .isEqualTo("field 'quantity' expects optional int32 but the record has 3000000000 (a JSON number)");
    assertThat(encoder.conversionProblem(utf8("{\"customer\":7}")))
        .isEqualTo("field 'customer' expects required binary (STRING), a JSON string but the record has 7 (a JSON number)");
    assertThat(encoder.conversionProblem(utf8("{\"customer\":\"a\",\"paid\":\"yes\"}")))
        .contains("field 'paid' expects optional boolean");
    assertThat(encoder.conversionProblem(utf8("{\"customer\":\"a\",\"tags\":\"vip\"}")))
        .contains("field 'tags' expects a JSON array of repeated binary (STRING)");
    assertThat(encoder.conversionProblem(utf8("{\"customer\":\"a\",\"tags\":[\"x\",2]}")))
        .contains("field 'tags[1]' expects repeated binary (STRING)");
    assertThat(encoder.conversionProblem(utf8("{\"customer\":\"a\",\"address\":\"Oslo\"}")))
        .contains("field 'address' expects a JSON object");
  }

  @Test
  void longValuesAreShortenedInTheReason() {
    String big = "x".repeat(500);
    assertThat(encoder(Compression.NONE).conversionProblem(utf8("{\"customer\":\"a\",\"amount\":\"" + big + "\"}")))
        .hasSizeLessThan(200)
        .contains("...");
  }

  private static CompressionCodecName expectedCodec(Compression compression) {
    return switch (compression) {
      case NONE -> CompressionCodecName.UNCOMPRESSED;
      case GZIP -> CompressionCodecName.GZIP;
      case ZSTD -> CompressionCodecName.ZSTD;
      case SNAPPY -> CompressionCodecName.SNAPPY;
    };
  }
}

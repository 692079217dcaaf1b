package io.tributary.gateway.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CodecTest {
  private static final Instant AT = Instant.ofEpochMilli(1_700_000_000_123L);

  @Test
  void jsonWritesTimestampsAsEpochSecondsWithMillisAndBlobsAsBase64() {
    ObjectNode tree = Codec.object();
    tree.set("At", Codec.timestamp(AT));
    tree.put("Data", new byte[] {1, 2, 3});

    String json = new String(Codec.write(WireFormat.JSON, tree), StandardCharsets.UTF_8);

    assertThat(json).isEqualTo("{\"At\":1700000000.123,\"Data\":\"AQID\"}");
  }

  @Test
  void cborWritesTimestampsAsTagOneWithEpochMillisAndBlobsAsByteStrings() throws Exception {
    ObjectNode tree = Codec.object();
    tree.set("At", Codec.timestamp(AT));
    tree.put("Data", new byte[] {1, 2, 3});

    try (CBORParser p = new CBORFactory().createParser(Codec.write(WireFormat.CBOR, tree))) {
      assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
      assertThat(p.nextFieldName()).isEqualTo("At");
      assertThat(p.nextToken()).isEqualTo(JsonToken.VALUE_NUMBER_INT);
      assertThat(p.getCurrentTag()).isEqualTo(1);
      assertThat(p.getLongValue()).isEqualTo(AT.toEpochMilli());
      assertThat(p.nextFieldName()).isEqualTo("Data");
      assertThat(p.nextToken()).isEqualTo(JsonToken.VALUE_EMBEDDED_OBJECT);
      assertThat(p.getBinaryValue()).containsExactly(1, 2, 3);
    }
  }

  @Test
  void readsBlobsOfBothFormats() throws Exception {
    ObjectNode tree = Codec.object();
    tree.put("Data", new byte[] {9, 8});
    for (WireFormat format : WireFormat.values()) {
      ObjectNode read = Codec.read(format, Codec.write(format, tree));
      assertThat(read.get("Data").binaryValue()).as(format.name()).containsExactly(9, 8);
    }
  }

  @Test
  void emptyBodyIsTheEmptyObject() {
    assertThat(Codec.read(WireFormat.CBOR, new byte[0]).isEmpty()).isTrue();
    assertThat(Codec.read(WireFormat.JSON, new byte[0]).isEmpty()).isTrue();
  }

  @Test
  void malformedOrNonObjectBodiesAreSerializationErrors() {
    assertThatThrownBy(() -> Codec.read(WireFormat.JSON, "{\"StreamName\":".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(GatewayException.class, e -> {
          assertThat(e.type()).isEqualTo("SerializationException");
          assertThat(e.status()).isEqualTo(400);
        })
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> Codec.read(WireFormat.JSON, "[1]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(GatewayException.class).hasMessageContaining("not an object");
    assertThatThrownBy(() -> Codec.read(WireFormat.CBOR, new byte[] {(byte) 0xbf, 0x61}))
        .isInstanceOf(GatewayException.class).hasMessageContaining("not valid CBOR");
  }

  @Test
  void contentTypesSelectTheFormat() {
    assertThat(WireFormat.of("application/x-amz-json-1.1")).contains(WireFormat.JSON);
    assertThat(WireFormat.of("application/x-amz-json-1.0; charset=utf-8")).contains(WireFormat.JSON);
    assertThat(WireFormat.of("application/x-amz-cbor-1.1")).contains(WireFormat.CBOR);
    assertThat(WireFormat.of("text/plain")).isEmpty();
    assertThat(WireFormat.of(null)).isEmpty();
  }
}

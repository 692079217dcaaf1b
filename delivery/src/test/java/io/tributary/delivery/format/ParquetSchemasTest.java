package io.tributary.delivery.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.error.TributaryException;
import org.junit.jupiter.api.Test;

class ParquetSchemasTest {
  @Test
  void acceptsFlatNestedAndRepeatedFields() {
    assertThat(ParquetSchemas.validate("message events { required binary customer (STRING); optional int64 amount;"
        + " repeated int32 codes; optional group address { optional binary city (STRING); }"
        + " optional int64 at (TIMESTAMP(MILLIS,true)); optional int32 day (DATE); }").getFieldCount())
        .isEqualTo(6);
  }

  @Test
  void refusesTextThatIsNotAMessageTypeShowingHowToWriteOne() {
    assertThatThrownBy(() -> ParquetSchemas.validate("customer: string"))
        .isInstanceOf(TributaryException.class)
        .hasMessageStartingWith("--schema is not a Parquet message type: ")
        .hasMessageEndingWith("write it like " + ParquetSchemas.EXAMPLE);
    assertThatThrownBy(() -> ParquetSchemas.validate("message events { required text customer; }"))
        .hasMessageStartingWith("--schema is not a Parquet message type: ");
    assertThatThrownBy(() -> ParquetSchemas.validate(" "))
        .hasMessageStartingWith("--schema is empty; write it like");
  }

  @Test
  void refusesFieldsJsonIsNotConvertedTo() {
    assertThatThrownBy(() -> ParquetSchemas.validate("message m { optional int96 t; }"))
        .hasMessageContaining("field 't' is int96");
    assertThatThrownBy(() -> ParquetSchemas.validate(
        "message m { optional group tags (LIST) { repeated group list { optional binary element (STRING); } } }"))
        .hasMessageContaining("field 'tags' is a LIST group")
        .hasMessageContaining("repeated binary tags (STRING)");
    assertThatThrownBy(() -> ParquetSchemas.validate("message m { optional binary price (DECIMAL(9,2)); }"))
        .hasMessageContaining("field 'price' is binary (DECIMAL(9,2))");
  }
}

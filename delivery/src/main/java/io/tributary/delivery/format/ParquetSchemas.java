package io.tributary.delivery.format;

import io.tributary.common.error.Errors;
import java.util.Locale;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Reads and checks a declared Parquet schema (Parquet's message type syntax). Stateless and
 * thread-safe. Checked when a delivery stream is created, so a schema the JSON conversion cannot
 * fill is refused up front instead of sending every record to the error output.
 */
public final class ParquetSchemas {
  static final String EXAMPLE =
      "message events { required binary customer (STRING); optional int64 amount; }";

  private ParquetSchemas() {}

  /**
   * The parsed schema; throws {@link Errors#invalid} naming the problem and the fix when the text
   * is not a message type, or declares a field JSON records cannot be converted to.
   */
  public static MessageType validate(String schemaText) {
    if (schemaText == null || schemaText.isBlank()) {
      throw Errors.invalid("--schema is empty; write it like " + EXAMPLE);
    }
    MessageType schema;
    try {
      schema = MessageTypeParser.parseMessageType(schemaText);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw Errors.invalid("--schema is not a Parquet message type: " + e.getMessage() + "; write it like " + EXAMPLE);
    }
    if (schema.getFieldCount() == 0) {
      throw Errors.invalid("--schema '" + schema.getName() + "' declares no fields; write it like " + EXAMPLE);
    }
    checkGroup(schema, "");
    return schema;
  }

  private static void checkGroup(GroupType group, String path) {
    for (Type field : group.getFields()) {
      String name = path + field.getName();
      if (field.isPrimitive()) {
        checkPrimitive(field.asPrimitiveType(), name);
      } else if (field.getLogicalTypeAnnotation() != null) {
        throw Errors.invalid("--schema field '" + name + "' is a " + field.getLogicalTypeAnnotation()
            + " group, which JSON records are not converted to; declare a repeated field instead, e.g."
            + " repeated binary " + field.getName() + " (STRING); or a plain group of fields");
      } else {
        checkGroup(field.asGroupType(), name + ".");
      }
    }
  }

  private static void checkPrimitive(PrimitiveType field, String name) {
    PrimitiveTypeName type = field.getPrimitiveTypeName();
    if (type == PrimitiveTypeName.INT96 || type == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY) {
      throw Errors.invalid("--schema field '" + name + "' is " + typeName(field) + ", which JSON values are not"
          + " converted to; use boolean, int32, int64, float, double or binary (STRING)");
    }
    LogicalTypeAnnotation annotation = field.getLogicalTypeAnnotation();
    if (annotation != null && !supported(type, annotation)) {
      throw Errors.invalid("--schema field '" + name + "' is " + typeName(field) + ", an annotation JSON values are"
          + " not converted to; use binary (STRING) or (ENUM), int32 (DATE) or int64 (TIMESTAMP(...)),"
          + " or drop the annotation");
    }
  }

  private static boolean supported(PrimitiveTypeName type, LogicalTypeAnnotation annotation) {
    switch (type) {
      case BINARY:
        return annotation instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
            || annotation instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation;
      case INT32:
        return annotation instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation;
      case INT64:
        return annotation instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
      default:
        return false;
    }
  }

  /** How a field's type reads in messages, e.g. {@code int64} or {@code binary (STRING)}. */
  static String typeName(PrimitiveType field) {
    String primitive = field.getPrimitiveTypeName().name().toLowerCase(Locale.ROOT);
    LogicalTypeAnnotation annotation = field.getLogicalTypeAnnotation();
    return annotation == null ? primitive : primitive + " (" + annotation + ")";
  }
}

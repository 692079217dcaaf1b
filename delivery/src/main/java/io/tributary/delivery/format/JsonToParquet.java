package io.tributary.delivery.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.util.Locale;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Converts JSON object records to Parquet groups of a declared schema: fields by name, unknown
 * fields ignored (as Firehose's JSON deserializers do), JSON arrays for repeated fields, JSON
 * objects for groups. Immutable and thread-safe. One walk serves both the arrival check and the
 * conversion (with no target group), so both always agree on what a record may hold.
 */
final class JsonToParquet {
  private static final ObjectReader JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .reader();
  private static final int EXCERPT_CHARS = 60;

  private final MessageType schema;

  JsonToParquet(MessageType schema) {
    this.schema = schema;
  }

  /** Why {@code record} cannot become a row of the schema, or null when it can. */
  String problem(byte[] record) {
    JsonNode node;
    try {
      node = JSON.readTree(record);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at byte " + e.getLocation().getByteOffset();
      return "record is not JSON (" + e.getOriginalMessage() + where
          + "); Parquet output takes one JSON object per record";
    } catch (IOException e) {
      return "record is not JSON (" + e.getMessage() + "); Parquet output takes one JSON object per record";
    }
    if (node == null || !node.isObject()) {
      return "record is not a JSON object but " + describe(node) + "; Parquet output takes one JSON object per record";
    }
    return fill(node, schema, null, "");
  }

  /** The record as a row; it must have passed {@link #problem}. */
  Group convert(byte[] record) {
    JsonNode node;
    try {
      node = JSON.readTree(record);
    } catch (IOException e) {
      throw new IllegalArgumentException("record is not JSON: " + e.getMessage(), e);
    }
    Group row = new SimpleGroup(schema);
    String problem = node != null && node.isObject() ? fill(node, schema, row, "") : "record is not a JSON object";
    if (problem != null) {
      throw new IllegalArgumentException(problem + " (records must pass the conversion check before encoding)");
    }
    return row;
  }

  private static String fill(JsonNode object, GroupType type, Group target, String path) {
    for (int index = 0; index < type.getFieldCount(); index++) {
      Type field = type.getType(index);
      String name = path + field.getName();
      JsonNode value = object.get(field.getName());
      String problem;
      if (value == null || value.isNull()) {
        problem = field.isRepetition(Type.Repetition.REQUIRED)
            ? "missing required field '" + name + "' (" + expected(field) + ")" : null;
      } else if (field.isRepetition(Type.Repetition.REPEATED)) {
        problem = fillRepeated(value, field, index, target, name);
      } else {
        problem = fillValue(value, field, index, target, name);
      }
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  private static String fillRepeated(JsonNode array, Type field, int index, Group target, String name) {
    if (!array.isArray()) {
      return wrongType(name, "a JSON array of " + expected(field), array);
    }
    for (int element = 0; element < array.size(); element++) {
      JsonNode value = array.get(element);
      String elementName = name + "[" + element + "]";
      String problem = value.isNull()
          ? "field '" + elementName + "' is null; a repeated field holds no nulls, drop the element"
          : fillValue(value, field, index, target, elementName);
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  private static String fillValue(JsonNode value, Type field, int index, Group target, String name) {
    if (!field.isPrimitive()) {
      if (!value.isObject()) {
        return wrongType(name, "a JSON object (group " + field.getName() + ")", value);
      }
      return fill(value, field.asGroupType(), target == null ? null : target.addGroup(index), name + ".");
    }
    PrimitiveType primitive = field.asPrimitiveType();
    switch (primitive.getPrimitiveTypeName()) {
      case BOOLEAN:
        if (!value.isBoolean()) {
          return wrongType(name, expected(field), value);
        }
        if (target != null) {
          target.add(index, value.booleanValue());
        }
        return null;
      case INT32:
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
          return wrongType(name, expected(field), value);
        }
        if (target != null) {
          target.add(index, value.intValue());
        }
        return null;
      case INT64:
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
          return wrongType(name, expected(field), value);
        }
        if (target != null) {
          target.add(index, value.longValue());
        }
        return null;
      default:
        return fillOther(value, primitive, index, target, name);
    }
  }

  private static String fillOther(JsonNode value, PrimitiveType field, int index, Group target, String name) {
    switch (field.getPrimitiveTypeName()) {
      case FLOAT:
      case DOUBLE:
        if (!value.isNumber()) {
          return wrongType(name, expected(field), value);
        }
        if (target != null && field.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.FLOAT) {
          target.add(index, value.floatValue());
        } else if (target != null) {
          target.add(index, value.doubleValue());
        }
        return null;
      case BINARY:
        if (!value.isTextual()) {
          return wrongType(name, expected(field) + ", a JSON string", value);
        }
        if (target != null) {
          target.add(index, Binary.fromString(value.textValue()));
        }
        return null;
      default:
        return "field '" + name + "' is " + expected(field) + ", which JSON values are not converted to";
    }
  }

  private static String expected(Type field) {
    String repetition = field.getRepetition().name().toLowerCase(Locale.ROOT);
    return field.isPrimitive()
        ? repetition + " " + ParquetSchemas.typeName(field.asPrimitiveType())
        : repetition + " group";
  }

  private static String wrongType(String name, String expected, JsonNode seen) {
    return "field '" + name + "' expects " + expected + " but the record has " + describe(seen);
  }

  private static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing (an empty record)";
    }
    String text = node.toString();
    if (text.length() > EXCERPT_CHARS) {
      text = text.substring(0, EXCERPT_CHARS) + "...";
    }
    String kind = node.isIntegralNumber() && !node.canConvertToLong() ? "an integer beyond int64"
        : "a JSON " + node.getNodeType().name().toLowerCase(Locale.ROOT);
    return text + " (" + kind + ")";
  }
}

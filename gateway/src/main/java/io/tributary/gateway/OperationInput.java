package io.tributary.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.gateway.wire.GatewayException;
import io.tributary.gateway.wire.WireFormat;
import java.util.Optional;

/**
 * One decoded request body with typed accessors whose failures are Kinesis-style validation errors.
 * Immutable. Unknown members are ignored: SDKs add members (e.g. {@code StreamARN} next to a name)
 * faster than a server learns them.
 */
public record OperationInput(ObjectNode body, WireFormat format) {

  public String requiredString(String member) {
    return optionalString(member).orElseThrow(() ->
        GatewayException.invalidArgument("1 validation error detected: value null at '" + lowerFirst(member)
            + "' failed to satisfy constraint: Member must not be null; set " + member));
  }

  public Optional<String> optionalString(String member) {
    JsonNode node = body.get(member);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isTextual()) {
      throw GatewayException.serialization(member + " must be a string, got " + node.getNodeType());
    }
    return Optional.of(node.textValue());
  }

  /** An integer member within [min, max], or empty when absent. */
  public Optional<Integer> optionalInt(String member, int min, int max) {
    JsonNode node = body.get(member);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw GatewayException.serialization(member + " must be an integer, got " + node);
    }
    int value = node.intValue();
    if (value < min || value > max) {
      throw GatewayException.invalidArgument("1 validation error detected: value '" + value + "' at '"
          + lowerFirst(member) + "' failed to satisfy constraint: Member must have value between " + min
          + " and " + max);
    }
    return Optional.of(value);
  }

  /** A nested object member, or an empty object when absent. */
  public ObjectNode object(String member) {
    JsonNode node = body.get(member);
    if (node == null || node.isNull()) {
      return body.objectNode();
    }
    if (!node.isObject()) {
      throw GatewayException.serialization(member + " must be an object, got " + node.getNodeType());
    }
    return (ObjectNode) node;
  }

  private static String lowerFirst(String member) {
    return Character.toLowerCase(member.charAt(0)) + member.substring(1);
  }
}

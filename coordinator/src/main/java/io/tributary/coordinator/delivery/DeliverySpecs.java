package io.tributary.coordinator.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import io.tributary.delivery.spec.DeliverySpec;

/**
 * Reads the spec a client sent. Stateless.
 *
 * <p>The spec validates itself in its constructor; a refusal reaches the client with the spec's own
 * message (the one the CLI gives before sending), not wrapped in the JSON reader's words.
 */
final class DeliverySpecs {
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private DeliverySpecs() {}

  /** The spec of {@code json}, with {@code startAtMillis} set to {@code startAt} when it reads an existing stream. */
  static DeliverySpec read(String json, long startAt) {
    try {
      JsonNode tree = JSON.readTree(json);
      if (!(tree instanceof ObjectNode object)) {
        throw Errors.invalid("the delivery spec is not a JSON object; send DeliverySpec.toJson()");
      }
      if (!object.path("directPut").asBoolean(false)) {
        object.put("startAtMillis", startAt);
      }
      return JSON.treeToValue(object, DeliverySpec.class);
    } catch (JsonProcessingException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof TributaryException refusal) {
          throw refusal;
        }
      }
      throw Errors.invalid("cannot read the delivery spec: " + e.getOriginalMessage());
    }
  }
}

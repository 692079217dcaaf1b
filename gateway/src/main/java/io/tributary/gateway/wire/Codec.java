package io.tributary.gateway.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads request bodies into trees and writes response trees, in either {@link WireFormat}. Blobs are
 * binary nodes (base64 text in JSON, byte strings in CBOR); timestamps are {@link #timestamp} nodes
 * (epoch seconds with a millisecond fraction in JSON, tag 1 with epoch milliseconds in CBOR, as the
 * SDK writes and reads them). Thread-safe.
 */
public final class Codec {
  private static final int CBOR_EPOCH_TAG = 1;

  private Codec() {}

  /** A timestamp value for a response tree. */
  public static JsonNode timestamp(Instant at) {
    return JsonNodeFactory.instance.pojoNode(at);
  }

  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /**
   * The body as an object; an empty body is the empty object (the SDK sends nothing for requests
   * without members).
   *
   * @throws GatewayException SerializationException when the body is not one object in the format
   */
  public static ObjectNode read(WireFormat format, byte[] body) {
    if (body.length == 0) {
      return object();
    }
    JsonNode tree;
    try {
      tree = format.mapper().readTree(body);
    } catch (JsonProcessingException e) {
      throw GatewayException.serialization("the body is not valid " + format + " (" + e.getOriginalMessage()
          + "); send one " + format + " object with Content-Type " + format.contentType());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (tree == null || tree.isMissingNode()) {
      return object();
    }
    if (!tree.isObject()) {
      throw GatewayException.serialization("the body is a " + tree.getNodeType() + ", not an object; send one "
          + format + " object");
    }
    return (ObjectNode) tree;
  }

  public static byte[] write(WireFormat format, ObjectNode tree) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = format.mapper().getFactory().createGenerator(out)) {
      writeNode(g, tree);
    } catch (IOException e) {
      throw new UncheckedIOException("writing a " + format + " response failed", e);
    }
    return out.toByteArray();
  }

  private static void writeNode(JsonGenerator g, JsonNode node) throws IOException {
    if (node.isObject()) {
      g.writeStartObject();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        g.writeFieldName(field.getKey());
        writeNode(g, field.getValue());
      }
      g.writeEndObject();
    } else if (node.isArray()) {
      g.writeStartArray();
      for (JsonNode element : node) {
        writeNode(g, element);
      }
      g.writeEndArray();
    } else if (node instanceof POJONode pojo && pojo.getPojo() instanceof Instant at) {
      writeTimestamp(g, at);
    } else if (node.isBinary()) {
      g.writeBinary(node.binaryValue());
    } else {
      node.serialize(g, null);
    }
  }

  private static void writeTimestamp(JsonGenerator g, Instant at) throws IOException {
    long millis = at.toEpochMilli();
    if (g instanceof CBORGenerator cbor) {
      cbor.writeTag(CBOR_EPOCH_TAG);
      cbor.writeNumber(millis);
    } else {
      g.writeNumber(BigDecimal.valueOf(millis, 3));
    }
  }
}

package io.tributary.gateway.kinesis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.client.TributaryClient;
import io.tributary.gateway.OperationInput;
import io.tributary.gateway.OperationTable;
import io.tributary.gateway.wire.Codec;
import io.tributary.gateway.wire.GatewayException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Kinesis stream tagging: the stream operations (AddTagsToStream, RemoveTagsFromStream,
 * ListTagsForStream) and their ARN-based successors (TagResource, UntagResource, ListTagsForResource)
 * over the coordinators' stream tags. Thread-safe; operations block on the coordinators.
 *
 * <p>The coordinators check the tags and Kinesis's limits, so every client of the cluster gets the same
 * answers; this class only reads the wire shapes and pages the listing.
 */
public final class KinesisTagOps {
  private static final int MAX_LIST_LIMIT = 50;
  private static final String CONSUMER = "/consumer/";

  private final TributaryClient client;
  private final Arns arns;

  public KinesisTagOps(TributaryClient client, Arns arns) {
    this.client = client;
    this.arns = arns;
  }

  /** Adds this class's operations to {@code table}. */
  public OperationTable.Builder register(OperationTable.Builder table) {
    return table.kinesis("AddTagsToStream", this::addTagsToStream)
        .kinesis("RemoveTagsFromStream", this::removeTagsFromStream)
        .kinesis("ListTagsForStream", this::listTagsForStream)
        .kinesis("TagResource", this::tagResource)
        .kinesis("UntagResource", this::untagResource)
        .kinesis("ListTagsForResource", this::listTagsForResource);
  }

  ObjectNode addTagsToStream(OperationInput in) {
    client.updateStreamTags(stream(in), tags(in, "Tags"), List.of());
    return Codec.object();
  }

  ObjectNode removeTagsFromStream(OperationInput in) {
    client.updateStreamTags(stream(in), Map.of(), keys(in, "TagKeys"));
    return Codec.object();
  }

  ObjectNode listTagsForStream(OperationInput in) {
    int limit = in.optionalInt("Limit", 1, MAX_LIST_LIMIT).orElse(MAX_LIST_LIMIT);
    SortedMap<String, String> tags = new TreeMap<>(client.describeStream(stream(in), false).getTagsMap());
    SortedMap<String, String> rest =
        in.optionalString("ExclusiveStartTagKey").map(after -> tags.tailMap(after + "\0")).orElse(tags);
    ObjectNode out = Codec.object();
    list(out.putArray("Tags"), rest, limit);
    out.put("HasMoreTags", rest.size() > limit);
    return out;
  }

  ObjectNode tagResource(OperationInput in) {
    client.updateStreamTags(resource(in), tags(in, "Tags"), List.of());
    return Codec.object();
  }

  ObjectNode untagResource(OperationInput in) {
    client.updateStreamTags(resource(in), Map.of(), keys(in, "TagKeys"));
    return Codec.object();
  }

  ObjectNode listTagsForResource(OperationInput in) {
    SortedMap<String, String> tags = new TreeMap<>(client.describeStream(resource(in), false).getTagsMap());
    ObjectNode out = Codec.object();
    list(out.putArray("Tags"), tags, tags.size());
    return out;
  }

  private String stream(OperationInput in) {
    return arns.streamName(in.optionalString("StreamName").orElse(null), in.optionalString("StreamARN").orElse(null));
  }

  /** The stream a ResourceARN names; consumer ARNs are refused, since only streams keep tags. */
  private String resource(OperationInput in) {
    String arn = in.requiredString("ResourceARN");
    if (arn.contains(CONSUMER)) {
      throw GatewayException.invalidArgument("ResourceARN '" + arn + "' names a consumer; consumer tags are not"
          + " kept, only stream tags: give the stream's ARN");
    }
    return arns.streamName(null, arn);
  }

  private static void list(ArrayNode out, SortedMap<String, String> tags, int limit) {
    Iterator<Map.Entry<String, String>> entries = tags.entrySet().iterator();
    for (int i = 0; i < limit && entries.hasNext(); i++) {
      Map.Entry<String, String> tag = entries.next();
      out.addObject().put("Key", tag.getKey()).put("Value", tag.getValue());
    }
  }

  /** The {@code Tags} map of a request that may leave it out (CreateStream), empty when absent. */
  static Map<String, String> optionalTags(OperationInput in) {
    JsonNode node = in.body().get("Tags");
    return node == null || node.isNull() ? Map.of() : tags(in, "Tags");
  }

  private static Map<String, String> tags(OperationInput in, String member) {
    JsonNode node = required(in, member);
    if (!node.isObject()) {
      throw GatewayException.serialization(member + " must be a map of strings, got " + node.getNodeType());
    }
    Map<String, String> tags = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> tag = it.next();
      if (!tag.getValue().isTextual()) {
        throw GatewayException.serialization(member + " value of '" + tag.getKey() + "' must be a string, got "
            + tag.getValue().getNodeType());
      }
      tags.put(tag.getKey(), tag.getValue().textValue());
    }
    return tags;
  }

  private static List<String> keys(OperationInput in, String member) {
    JsonNode node = required(in, member);
    if (!node.isArray()) {
      throw GatewayException.serialization(member + " must be a list of strings, got " + node.getNodeType());
    }
    List<String> keys = new ArrayList<>(node.size());
    for (JsonNode key : node) {
      if (!key.isTextual()) {
        throw GatewayException.serialization(member + " must hold strings, got " + key.getNodeType());
      }
      keys.add(key.textValue());
    }
    return keys;
  }

  private static JsonNode required(OperationInput in, String member) {
    JsonNode node = in.body().get(member);
    if (node == null || node.isNull()) {
      throw GatewayException.invalidArgument("1 validation error detected: value null at '"
          + Character.toLowerCase(member.charAt(0)) + member.substring(1)
          + "' failed to satisfy constraint: Member must not be null; set " + member);
    }
    return node;
  }
}

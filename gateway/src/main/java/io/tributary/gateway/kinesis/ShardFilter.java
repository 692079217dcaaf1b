package io.tributary.gateway.kinesis;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.common.stream.ShardIds;
import io.tributary.gateway.OperationInput;
import io.tributary.gateway.wire.GatewayException;
import io.tributary.gateway.wire.WireFormat;
import io.tributary.proto.v1.ScalingEvent;
import io.tributary.proto.v1.ShardInfo;
import io.tributary.proto.v1.StreamDescription;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The ListShards ShardFilter: which shards of a stream a listing keeps. Immutable.
 *
 * <p>Shard lifetimes come from the stream's scaling events (creation and closing times); a shard
 * with no creation event dates from the stream's creation, a closed one without a closing event
 * closed before any time a caller can still ask about.
 *
 * @param type filter type, or null for every shard
 * @param shardId the AFTER_SHARD_ID bound, or null
 * @param millis the AT_/FROM_TIMESTAMP time, or 0
 */
public record ShardFilter(String type, String shardId, long millis) {
  static final ShardFilter ALL = new ShardFilter(null, null, 0);

  static ShardFilter of(OperationInput in) {
    JsonNode node = in.body().get("ShardFilter");
    if (node == null || node.isNull()) {
      return ALL;
    }
    String type = node.path("Type").asText(null);
    if (type == null) {
      throw GatewayException.invalidArgument("ShardFilter needs Type; set one of AFTER_SHARD_ID, AT_TRIM_HORIZON, "
          + "FROM_TRIM_HORIZON, AT_LATEST, AT_TIMESTAMP, FROM_TIMESTAMP");
    }
    String shardId = node.path("ShardId").asText(null);
    JsonNode at = node.get("Timestamp");
    return switch (type) {
      case "AT_TRIM_HORIZON", "FROM_TRIM_HORIZON", "AT_LATEST" -> new ShardFilter(type, null, 0);
      case "AFTER_SHARD_ID" -> {
        if (shardId == null) {
          throw GatewayException.invalidArgument("ShardFilter AFTER_SHARD_ID needs ShardId; set it");
        }
        yield new ShardFilter(type, ShardIds.normalize(shardId), 0);
      }
      case "AT_TIMESTAMP", "FROM_TIMESTAMP" -> {
        if (at == null || !at.isNumber()) {
          throw GatewayException.invalidArgument("ShardFilter " + type + " needs Timestamp; set it");
        }
        yield new ShardFilter(type, null, millis(in.format(), at));
      }
      default -> throw GatewayException.invalidArgument("ShardFilter Type '" + type + "' is not one of "
          + "AFTER_SHARD_ID, AT_TRIM_HORIZON, FROM_TRIM_HORIZON, AT_LATEST, AT_TIMESTAMP, FROM_TIMESTAMP");
    };
  }

  /** CBOR carries epoch milliseconds (tag 1), JSON epoch seconds with a fraction. */
  static long millis(WireFormat format, JsonNode at) {
    if (format == WireFormat.CBOR && at.isIntegralNumber()) {
      return at.longValue();
    }
    return at.decimalValue().movePointRight(3).setScale(0, RoundingMode.FLOOR).longValue();
  }

  /** The test this filter applies to the shards of {@code stream}. */
  Predicate<ShardInfo> test(StreamDescription stream) {
    if (type == null) {
      return s -> true;
    }
    Map<String, Long> created = new HashMap<>();
    Map<String, Long> closed = new HashMap<>();
    for (ScalingEvent e : stream.getScalingEventsList()) {
      e.getCreatedShardIdsList().forEach(id -> created.put(id, e.getAtMillis()));
      e.getClosedShardIdsList().forEach(id -> closed.put(id, e.getAtMillis()));
    }
    return switch (type) {
      case "AFTER_SHARD_ID" -> s -> ShardIds.index(s.getShardId()) > ShardIds.index(shardId);
      case "AT_LATEST" -> s -> !ShardJson.closed(s);
      case "AT_TIMESTAMP" -> s -> created.getOrDefault(s.getShardId(), stream.getCreatedMillis()) <= millis
          && openAfter(s, closed);
      case "FROM_TIMESTAMP" -> s -> openAfter(s, closed);
      default -> s -> true;
    };
  }

  private boolean openAfter(ShardInfo shard, Map<String, Long> closed) {
    return !ShardJson.closed(shard) || closed.getOrDefault(shard.getShardId(), Long.MIN_VALUE) > millis;
  }
}

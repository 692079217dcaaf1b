package io.tributary.gateway.kinesis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.client.Position;
import io.tributary.client.TributaryClient;
import io.tributary.common.stream.ShardIds;
import io.tributary.gateway.OperationInput;
import io.tributary.gateway.wire.Codec;
import io.tributary.gateway.wire.GatewayException;
import java.time.Instant;

/**
 * GetShardIterator: the five Kinesis iterator types onto native positions. Thread-safe.
 *
 * <p>The native iterator is handed out unchanged; it already names its stream, shard and issue time,
 * and the broker checks its age on its own clock.
 */
final class ShardPositions {
  private final TributaryClient client;
  private final Arns arns;
  private final StreamUids uids;

  ShardPositions(TributaryClient client, Arns arns, StreamUids uids) {
    this.client = client;
    this.arns = arns;
    this.uids = uids;
  }

  ObjectNode getShardIterator(OperationInput in) {
    String stream = arns.streamName(in.optionalString("StreamName").orElse(null),
        in.optionalString("StreamARN").orElse(null));
    String shardId = in.requiredString("ShardId");
    Position position = position(in, stream, ShardIds.index(shardId));
    ObjectNode out = Codec.object();
    out.put("ShardIterator", client.getShardIterator(stream, shardId, position));
    return out;
  }

  private Position position(OperationInput in, String stream, int shardIndex) {
    return position(in.requiredString("ShardIteratorType"), in.optionalString("StartingSequenceNumber").orElse(null),
        in.body().get("Timestamp"), in, stream, shardIndex);
  }

  /**
   * The native position of a Kinesis starting position: {@code type} with its sequence number or
   * timestamp (null when absent), as GetShardIterator and SubscribeToShard's StartingPosition carry them.
   */
  Position position(String type, String sequence, JsonNode timestamp, OperationInput in, String stream,
      int shardIndex) {
    return switch (type) {
      case "TRIM_HORIZON" -> Position.trimHorizon();
      case "LATEST" -> Position.latest();
      case "AT_SEQUENCE_NUMBER" -> Position.atSequence(sequence(type, sequence, stream, shardIndex));
      case "AFTER_SEQUENCE_NUMBER" -> Position.afterSequence(sequence(type, sequence, stream, shardIndex));
      case "AT_TIMESTAMP" -> Position.atTimestamp(timestamp(timestamp, in));
      default -> throw GatewayException.invalidArgument("starting position type '" + type + "' is not one of "
          + "AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER, TRIM_HORIZON, LATEST, AT_TIMESTAMP");
    };
  }

  /** The native number; a uid mismatch is checked again against a fresh uid before it is believed. */
  private long sequence(String type, String text, String stream, int shardIndex) {
    if (text == null) {
      throw GatewayException.invalidArgument(type + " needs a starting sequence number; set it");
    }
    try {
      return SequenceNumbers.decode(text, shardIndex, uids.uid(stream));
    } catch (GatewayException e) {
      uids.forget(stream);
      return SequenceNumbers.decode(text, shardIndex, uids.uid(stream));
    }
  }

  private static Instant timestamp(JsonNode node, OperationInput in) {
    if (node == null || !node.isNumber()) {
      throw GatewayException.invalidArgument("AT_TIMESTAMP needs a Timestamp; set it");
    }
    return Instant.ofEpochMilli(ShardFilter.millis(in.format(), node));
  }
}

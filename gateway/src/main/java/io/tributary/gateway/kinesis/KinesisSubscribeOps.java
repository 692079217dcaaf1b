package io.tributary.gateway.kinesis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.client.Position;
import io.tributary.client.TributaryClient;
import io.tributary.common.stream.ShardIds;
import io.tributary.gateway.EventStream;
import io.tributary.gateway.OperationInput;
import io.tributary.gateway.OperationTable;
import io.tributary.gateway.wire.GatewayException;
import io.tributary.proto.v1.RegisteredConsumer;
import io.tributary.proto.v1.ShardInfo;
import io.tributary.proto.v1.StreamDescription;
import java.time.Clock;

/**
 * Kinesis SubscribeToShard: a registered consumer's push subscription to one shard, relayed from the
 * native subscription as an event stream ({@link ShardRelay}). Thread-safe.
 *
 * <p>Everything that can be refused is checked before the stream opens, so a wrong consumer, shard or
 * position is an ordinary 400 answer the SDK raises from {@code subscribeToShard} itself.
 */
public final class KinesisSubscribeOps {
  private final TributaryClient client;
  private final KinesisConsumerOps consumers;
  private final ShardPositions positions;
  private final StreamUids uids;
  private final Clock clock;

  public KinesisSubscribeOps(TributaryClient client, Arns arns, StreamUids uids, KinesisConsumerOps consumers,
      Clock clock) {
    this.client = client;
    this.consumers = consumers;
    this.positions = new ShardPositions(client, arns, uids);
    this.uids = uids;
    this.clock = clock;
  }

  /** Adds this class's operation to {@code table}. */
  public OperationTable.Builder register(OperationTable.Builder table) {
    return table.kinesisStreaming("SubscribeToShard", this::subscribeToShard);
  }

  void subscribeToShard(OperationInput in, EventStream out) {
    RegisteredConsumer consumer = consumers.registered(in.requiredString("ConsumerARN"));
    String stream = consumer.getStream();
    String shardId = shardOf(stream, in.requiredString("ShardId"));
    int shardIndex = ShardIds.index(shardId);
    ObjectNode start = in.object("StartingPosition");
    JsonNode type = start.get("Type");
    if (type == null || !type.isTextual()) {
      throw GatewayException.invalidArgument("StartingPosition needs a Type (AT_SEQUENCE_NUMBER, "
          + "AFTER_SEQUENCE_NUMBER, TRIM_HORIZON, LATEST or AT_TIMESTAMP); set it");
    }
    JsonNode sequence = start.get("SequenceNumber");
    Position position = positions.position(type.textValue(), sequence == null ? null : sequence.asText(),
        start.get("Timestamp"), in, stream, shardIndex);
    new ShardRelay(client, stream, shardId, uids.uid(stream), out, clock).start(position, consumer.getName());
  }

  /** The shard's id in native form, after checking the stream has it. */
  private String shardOf(String stream, String requested) {
    String shardId;
    try {
      shardId = ShardIds.normalize(requested);
    } catch (RuntimeException e) {
      throw GatewayException.invalidArgument("ShardId '" + requested + "' is not a shard id; use one ListShards "
          + "returned, such as shardId-000000000000");
    }
    StreamDescription description = client.describeStream(stream, false);
    for (ShardInfo shard : description.getShardsList()) {
      if (shard.getShardId().equals(shardId)) {
        return shardId;
      }
    }
    throw new GatewayException("ResourceNotFoundException", 400, "shard " + requested + " does not exist in stream '"
        + stream + "'; list its shards with ListShards");
  }
}

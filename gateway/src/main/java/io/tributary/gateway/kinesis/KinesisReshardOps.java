package io.tributary.gateway.kinesis;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.client.TributaryClient;
import io.tributary.gateway.OperationInput;
import io.tributary.gateway.OperationTable;
import io.tributary.gateway.wire.Codec;
import io.tributary.gateway.wire.GatewayException;
import io.tributary.proto.v1.StreamDescription;

/**
 * Kinesis resharding and retention (SplitShard, MergeShards, UpdateShardCount,
 * Increase/DecreaseStreamRetentionPeriod) over the Java client. Thread-safe; operations block on the
 * coordinators.
 */
public final class KinesisReshardOps {
  private static final int MIN_RETENTION_HOURS = 24;
  private static final int MAX_RETENTION_HOURS = 8760;
  private static final int MAX_SHARDS = 100_000;

  private final TributaryClient client;
  private final Arns arns;

  public KinesisReshardOps(TributaryClient client, Arns arns) {
    this.client = client;
    this.arns = arns;
  }

  /** Adds this class's operations to {@code table}. */
  public OperationTable.Builder register(OperationTable.Builder table) {
    return table.kinesis("SplitShard", this::splitShard)
        .kinesis("MergeShards", this::mergeShards)
        .kinesis("UpdateShardCount", this::updateShardCount)
        .kinesis("IncreaseStreamRetentionPeriod", in -> retention(in, true))
        .kinesis("DecreaseStreamRetentionPeriod", in -> retention(in, false));
  }

  ObjectNode splitShard(OperationInput in) {
    client.splitShard(stream(in), in.requiredString("ShardToSplit"), in.requiredString("NewStartingHashKey"));
    return Codec.object();
  }

  ObjectNode mergeShards(OperationInput in) {
    client.mergeShards(stream(in), in.requiredString("ShardToMerge"), in.requiredString("AdjacentShardToMerge"));
    return Codec.object();
  }

  ObjectNode updateShardCount(OperationInput in) {
    String stream = stream(in);
    int target = in.optionalInt("TargetShardCount", 1, MAX_SHARDS).orElseThrow(() ->
        GatewayException.invalidArgument("UpdateShardCount needs TargetShardCount; set it"));
    String scaling = in.requiredString("ScalingType");
    if (!scaling.equals("UNIFORM_SCALING")) {
      throw GatewayException.invalidArgument("ScalingType '" + scaling + "' is not served; use UNIFORM_SCALING");
    }
    int current = client.describeStream(stream, false).getOpenShardCount();
    client.updateShardCount(stream, target);
    ObjectNode out = Codec.object();
    out.put("StreamName", stream);
    out.put("CurrentShardCount", current);
    out.put("TargetShardCount", target);
    out.put("StreamARN", arns.stream(stream));
    return out;
  }

  ObjectNode retention(OperationInput in, boolean increase) {
    String stream = stream(in);
    int hours = in.optionalInt("RetentionPeriodHours", MIN_RETENTION_HOURS, MAX_RETENTION_HOURS).orElseThrow(() ->
        GatewayException.invalidArgument("RetentionPeriodHours is required; set it to 24 to 8760"));
    StreamDescription d = client.describeStream(stream, false);
    int current = d.getRetentionHours();
    if (increase ? hours < current : hours > current) {
      throw GatewayException.invalidArgument("RetentionPeriodHours " + hours + " is " + (increase ? "below" : "above")
          + " the current " + current + "; use " + (increase ? "Decrease" : "Increase") + "StreamRetentionPeriod");
    }
    client.updateRetention(stream, hours);
    return Codec.object();
  }

  private String stream(OperationInput in) {
    return arns.streamName(in.optionalString("StreamName").orElse(null), in.optionalString("StreamARN").orElse(null));
  }
}

package io.tributary.gateway.kinesis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.client.TributaryClient;
import io.tributary.gateway.OperationInput;
import io.tributary.gateway.OperationTable;
import io.tributary.gateway.wire.Codec;
import io.tributary.gateway.wire.GatewayException;
import io.tributary.proto.v1.StreamDescription;
import io.tributary.proto.v1.StreamMode;
import io.tributary.proto.v1.StreamStatus;
import io.tributary.proto.v1.StreamSummary;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Kinesis stream administration (CreateStream, ListStreams, DescribeStreamSummary) over the Java
 * client. Thread-safe; operations block on the coordinators.
 */
public final class KinesisStreamOps {
  private static final int MAX_SHARDS = 100_000;
  private static final int MAX_LIST_LIMIT = 10_000;
  private static final int DEFAULT_LIST_LIMIT = 100;

  private final TributaryClient client;
  private final Arns arns;

  public KinesisStreamOps(TributaryClient client, Arns arns) {
    this.client = client;
    this.arns = arns;
  }

  /** Adds this class's operations to {@code table}. */
  public OperationTable.Builder register(OperationTable.Builder table) {
    return table.kinesis("CreateStream", this::createStream)
        .kinesis("ListStreams", this::listStreams)
        .kinesis("DescribeStreamSummary", this::describeStreamSummary);
  }

  ObjectNode createStream(OperationInput in) {
    String name = in.requiredString("StreamName");
    Integer shards = in.optionalInt("ShardCount", 1, MAX_SHARDS).orElse(null);
    StreamMode mode = mode(in.object("StreamModeDetails").path("StreamMode").asText(null), shards);
    if (mode == StreamMode.PROVISIONED && shards == null) {
      throw GatewayException.invalidArgument("a PROVISIONED stream needs ShardCount; set it, or StreamMode ON_DEMAND");
    }
    client.createStream(name, shards == null ? 0 : shards, 0, 0, mode, 0, 0, KinesisTagOps.optionalTags(in));
    return Codec.object();
  }

  private static StreamMode mode(String requested, Integer shards) {
    if (requested == null) {
      return shards == null ? StreamMode.ON_DEMAND : StreamMode.PROVISIONED;
    }
    return switch (requested) {
      case "PROVISIONED" -> StreamMode.PROVISIONED;
      case "ON_DEMAND" -> StreamMode.ON_DEMAND;
      default -> throw GatewayException.invalidArgument("StreamMode '" + requested
          + "' is not one of PROVISIONED, ON_DEMAND");
    };
  }

  ObjectNode listStreams(OperationInput in) {
    int limit = in.optionalInt("Limit", 1, MAX_LIST_LIMIT).orElse(DEFAULT_LIST_LIMIT);
    String after = in.optionalString("ExclusiveStartStreamName").orElse(null);
    List<StreamSummary> streams = client.listStreams().stream()
        .filter(s -> after == null || s.getName().compareTo(after) > 0)
        .sorted(Comparator.comparing(StreamSummary::getName))
        .toList();
    ObjectNode out = Codec.object();
    ArrayNode names = out.putArray("StreamNames");
    ArrayNode summaries = out.putArray("StreamSummaries");
    for (StreamSummary s : streams.subList(0, Math.min(limit, streams.size()))) {
      names.add(s.getName());
      ObjectNode summary = summaries.addObject();
      summary.put("StreamName", s.getName());
      summary.put("StreamARN", arns.stream(s.getName()));
      summary.put("StreamStatus", status(s.getStatus()));
      summary.putObject("StreamModeDetails").put("StreamMode", s.getMode().name());
      summary.set("StreamCreationTimestamp", Codec.timestamp(Instant.ofEpochMilli(s.getCreatedMillis())));
    }
    out.put("HasMoreStreams", streams.size() > limit);
    return out;
  }

  ObjectNode describeStreamSummary(OperationInput in) {
    String name = arns.streamName(in.optionalString("StreamName").orElse(null),
        in.optionalString("StreamARN").orElse(null));
    StreamDescription d = client.describeStream(name, false);
    ObjectNode summary = Codec.object();
    summary.put("StreamName", d.getName());
    summary.put("StreamARN", arns.stream(d.getName()));
    summary.put("StreamStatus", status(d.getStatus()));
    summary.putObject("StreamModeDetails").put("StreamMode", d.getMode().name());
    summary.put("RetentionPeriodHours", d.getRetentionHours());
    summary.set("StreamCreationTimestamp", Codec.timestamp(Instant.ofEpochMilli(d.getCreatedMillis())));
    summary.putArray("EnhancedMonitoring").addObject().putArray("ShardLevelMetrics");
    summary.put("EncryptionType", "NONE");
    summary.put("OpenShardCount", d.getOpenShardCount());
    summary.put("ConsumerCount", d.getConsumersCount());
    ObjectNode out = Codec.object();
    out.set("StreamDescriptionSummary", summary);
    return out;
  }

  /** Kinesis has the same four states; an unset status is reported as the stream being created. */
  private static String status(StreamStatus status) {
    return status == StreamStatus.STREAM_STATUS_UNSPECIFIED || status == StreamStatus.UNRECOGNIZED
        ? StreamStatus.CREATING.name() : status.name();
  }
}

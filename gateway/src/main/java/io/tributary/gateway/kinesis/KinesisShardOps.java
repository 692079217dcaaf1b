package io.tributary.gateway.kinesis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.client.TributaryClient;
import io.tributary.common.stream.ShardIds;
import io.tributary.gateway.OperationInput;
import io.tributary.gateway.OperationTable;
import io.tributary.gateway.wire.Codec;
import io.tributary.gateway.wire.GatewayException;
import io.tributary.proto.v1.ShardInfo;
import io.tributary.proto.v1.StreamDescription;
import io.tributary.proto.v1.StreamStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Kinesis shard listing and stream lifecycle (ListShards, DescribeStream, DeleteStream) over the Java
 * client. Thread-safe; operations block on the coordinators.
 */
public final class KinesisShardOps {
  private static final int MAX_PAGE = 10_000;

  private final TributaryClient client;
  private final Arns arns;
  private final StreamUids uids;
  private final PageTokens tokens;

  public KinesisShardOps(TributaryClient client, Arns arns, StreamUids uids, PageTokens tokens) {
    this.client = client;
    this.arns = arns;
    this.uids = uids;
    this.tokens = tokens;
  }

  /** Adds this class's operations to {@code table}. */
  public OperationTable.Builder register(OperationTable.Builder table) {
    return table.kinesis("ListShards", this::listShards)
        .kinesis("DescribeStream", this::describeStream)
        .kinesis("DeleteStream", this::deleteStream);
  }

  ObjectNode listShards(OperationInput in) {
    int max = in.optionalInt("MaxResults", 1, MAX_PAGE).orElse(1000);
    String token = in.optionalString("NextToken").orElse(null);
    PageTokens.Page page;
    StreamDescription d;
    if (token != null) {
      if (in.optionalString("StreamName").isPresent() || in.body().has("ShardFilter")) {
        throw GatewayException.invalidArgument("NextToken cannot be combined with StreamName or ShardFilter; "
            + "the token already names them, so send it alone");
      }
      page = tokens.read(token);
      d = client.describeStream(page.stream(), true);
      if (!d.getUid().equals(page.streamUid())) {
        throw new GatewayException("ExpiredNextTokenException", 400, "stream '" + page.stream()
            + "' was deleted and created again since this NextToken was issued; list again without it");
      }
    } else {
      String stream = stream(in);
      d = client.describeStream(stream, true);
      page = new PageTokens.Page(stream, d.getUid(),
          in.optionalString("ExclusiveStartShardId").orElse(null), ShardFilter.of(in));
    }
    List<ShardInfo> shards = shardsAfter(d, page.lastShardId(), page.filter().test(d));
    ObjectNode out = Codec.object();
    ArrayNode list = out.putArray("Shards");
    List<ShardInfo> shown = shards.subList(0, Math.min(max, shards.size()));
    shown.forEach(s -> ShardJson.shard(list.addObject(), s, d.getUid()));
    if (shards.size() > max) {
      out.put("NextToken", tokens.issue(new PageTokens.Page(d.getName(), d.getUid(),
          shown.get(shown.size() - 1).getShardId(), page.filter())));
    }
    return out;
  }

  ObjectNode describeStream(OperationInput in) {
    int limit = in.optionalInt("Limit", 1, MAX_PAGE).orElse(100);
    StreamDescription d = client.describeStream(stream(in), true);
    List<ShardInfo> shards = shardsAfter(d, in.optionalString("ExclusiveStartShardId").orElse(null), s -> true);
    ObjectNode description = Codec.object();
    description.put("StreamName", d.getName());
    description.put("StreamARN", arns.stream(d.getName()));
    description.put("StreamStatus", status(d.getStatus()));
    description.putObject("StreamModeDetails").put("StreamMode", d.getMode().name());
    ArrayNode list = description.putArray("Shards");
    shards.subList(0, Math.min(limit, shards.size())).forEach(s -> ShardJson.shard(list.addObject(), s, d.getUid()));
    description.put("HasMoreShards", shards.size() > limit);
    description.put("RetentionPeriodHours", d.getRetentionHours());
    description.set("StreamCreationTimestamp", Codec.timestamp(Instant.ofEpochMilli(d.getCreatedMillis())));
    description.putArray("EnhancedMonitoring").addObject().putArray("ShardLevelMetrics");
    description.put("EncryptionType", "NONE");
    ObjectNode out = Codec.object();
    out.set("StreamDescription", description);
    return out;
  }

  ObjectNode deleteStream(OperationInput in) {
    String stream = stream(in);
    boolean enforce = in.body().path("EnforceConsumerDeletion").asBoolean(false);
    if (!enforce) {
      int consumers = client.describeStream(stream, false).getConsumersCount();
      if (consumers > 0) {
        throw new GatewayException("ResourceInUseException", 400, "stream '" + stream + "' has " + consumers
            + " registered consumer(s); deregister them or set EnforceConsumerDeletion");
      }
    }
    client.deleteStream(stream);
    uids.forget(stream);
    return Codec.object();
  }

  private String stream(OperationInput in) {
    return arns.streamName(in.optionalString("StreamName").orElse(null), in.optionalString("StreamARN").orElse(null));
  }

  /** The shards kept by {@code filter} whose index is above {@code after}'s, in index order. */
  private static List<ShardInfo> shardsAfter(StreamDescription d, String after, Predicate<ShardInfo> filter) {
    int bound = after == null ? -1 : ShardIds.index(after);
    return d.getShardsList().stream()
        .filter(s -> ShardIds.index(s.getShardId()) > bound)
        .filter(filter)
        .sorted(Comparator.comparingInt(s -> ShardIds.index(s.getShardId())))
        .toList();
  }

  /** Kinesis has the same four states; an unset status is reported as the stream being created. */
  static String status(StreamStatus status) {
    return status == StreamStatus.STREAM_STATUS_UNSPECIFIED || status == StreamStatus.UNRECOGNIZED
        ? StreamStatus.CREATING.name() : status.name();
  }
}

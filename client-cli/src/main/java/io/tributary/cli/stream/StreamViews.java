package io.tributary.cli.stream;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.cli.output.Human;
import io.tributary.cli.output.Json;
import io.tributary.cli.output.Output;
import io.tributary.cli.output.Table;
import io.tributary.proto.v1.ShardInfo;
import io.tributary.proto.v1.ShardState;
import io.tributary.proto.v1.StreamDescription;
import io.tributary.proto.v1.StreamMode;
import io.tributary.proto.v1.StreamSummary;
import java.time.Instant;
import java.util.List;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** How streams and shards look in tables and in JSON. Stateless. */
public final class StreamViews {
  private StreamViews() {}

  public static String mode(StreamMode mode) {
    return mode == StreamMode.ON_DEMAND ? "on-demand" : "provisioned";
  }

  public static ArrayNode summariesJson(List<StreamSummary> streams) {
    ArrayNode array = Json.array();
    for (StreamSummary s : streams) {
      array.addObject()
          .put("name", s.getName())
          .put("status", s.getStatus().name())
          .put("openShards", s.getOpenShardCount())
          .put("retentionHours", s.getRetentionHours())
          .put("mode", mode(s.getMode()))
          .put("created", Instant.ofEpochMilli(s.getCreatedMillis()).toString());
    }
    return array;
  }

  public static Table summariesTable(List<StreamSummary> streams) {
    Table table = Table.of("NAME", "STATUS", "SHARDS", "RETENTION", "MODE", "CREATED").alignRight(2, 3);
    for (StreamSummary s : streams) {
      table.row(s.getName(), s.getStatus().name(), s.getOpenShardCount(), Human.hours(s.getRetentionHours()),
          mode(s.getMode()), Human.time(s.getCreatedMillis()));
    }
    return table;
  }

  public static ObjectNode descriptionJson(StreamDescription d) {
    ObjectNode root = Json.object()
        .put("name", d.getName())
        .put("uid", d.getUid())
        .put("status", d.getStatus().name())
        .put("mode", mode(d.getMode()))
        .put("retentionHours", d.getRetentionHours())
        .put("replicationFactor", d.getReplicationFactor())
        .put("created", Instant.ofEpochMilli(d.getCreatedMillis()).toString())
        .put("openShards", d.getOpenShardCount());
    if (d.getMode() == StreamMode.ON_DEMAND) {
      root.put("minShards", d.getMinShards()).put("maxShards", d.getMaxShards());
    }
    ObjectNode tags = root.putObject("tags");
    new TreeMap<>(d.getTagsMap()).forEach(tags::put);
    ArrayNode shards = root.putArray("shards");
    for (ShardInfo s : d.getShardsList()) {
      shards.add(shardJson(s));
    }
    root.set("scalingEvents", ScalingViews.eventsJson(d.getScalingEventsList()));
    root.set("consumers", ScalingViews.consumersJson(d.getConsumersList()));
    return root;
  }

  static ObjectNode shardJson(ShardInfo s) {
    ObjectNode shard = Json.object().put("shardId", s.getShardId());
    shard.putObject("hashKeyRange")
        .put("start", s.getHashKeyRange().getStartingHashKey())
        .put("end", s.getHashKeyRange().getEndingHashKey());
    ArrayNode parents = shard.putArray("parents");
    s.getParentShardIdsList().forEach(parents::add);
    shard.put("state", s.getState().name())
        .put("leader", s.getLeaderBrokerId())
        .put("leaderAddress", s.getLeaderAddress())
        .put("leaderStatus", leaderStatus(s))
        .put("leaderEpoch", s.getLeaderEpoch());
    ArrayNode replicas = shard.putArray("replicas");
    s.getReplicasList().forEach(replicas::add);
    ArrayNode isr = shard.putArray("inSyncReplicas");
    s.getInSyncReplicasList().forEach(isr::add);
    if (s.getSequenceRangeKnown()) {
      shard.putObject("sequenceRange")
          .put("first", s.getFirstSequenceNumber())
          .put("next", s.getNextSequenceNumber());
    } else {
      shard.putNull("sequenceRange");
    }
    if (endedWithRecords(s)) {
      shard.put("endingSequenceNumber", s.getEndingSequenceNumber());
    }
    return shard;
  }

  /** Stream properties, then one row per shard. */
  public static void printDescription(StreamDescription d, Output output) {
    output.line("Stream:       " + d.getName() + " (" + d.getStatus().name() + ")");
    output.line("Shards:       " + d.getOpenShardCount() + " open, " + d.getShardsCount() + " in total");
    output.line("Retention:    " + Human.hours(d.getRetentionHours()));
    output.line("Replication:  " + d.getReplicationFactor());
    output.line("Mode:         " + mode(d.getMode()) + bounds(d));
    output.line("Created:      " + Human.time(d.getCreatedMillis()));
    if (d.getTagsCount() > 0) {
      output.line("Tags:         " + tagList(d));
    }
    output.line("");
    output.table(shardsTable(d.getShardsList()));
    ScalingViews.printHistoryAndConsumers(d, output);
  }

  private static String tagList(StreamDescription d) {
    StringJoiner tags = new StringJoiner(", ");
    new TreeMap<>(d.getTagsMap()).forEach((key, value) -> tags.add(key + "=" + value));
    return tags.toString();
  }

  private static String bounds(StreamDescription d) {
    return d.getMode() == StreamMode.ON_DEMAND ? " (" + d.getMinShards() + " to " + d.getMaxShards() + " shards)" : "";
  }

  static Table shardsTable(List<ShardInfo> shards) {
    Table table = Table.of("SHARD", "HASH RANGE", "PARENTS", "STATE", "LEADER", "EPOCH", "REPLICAS", "ISR", "SEQUENCES")
        .alignRight(5);
    for (ShardInfo s : shards) {
      table.row(s.getShardId(),
          s.getHashKeyRange().getStartingHashKey() + ".." + s.getHashKeyRange().getEndingHashKey(),
          s.getParentShardIdsCount() == 0 ? "-" : String.join(",", s.getParentShardIdsList()),
          s.getState().name(),
          leader(s),
          s.getLeaderEpoch(),
          ids(s.getReplicasList()),
          ids(s.getInSyncReplicasList()),
          sequences(s));
    }
    return table;
  }

  /** "3 (HOST:PORT)", "3 (offline)" while that broker is not live, "-" while no in-sync replica can lead. */
  static String leader(ShardInfo s) {
    return switch (leaderStatus(s)) {
      case "none" -> "-";
      case "offline" -> s.getLeaderBrokerId() + " (offline)";
      default -> s.getLeaderBrokerId() + " (" + s.getLeaderAddress() + ")";
    };
  }

  /** "live", "offline" (the leader broker is not live) or "none" (no leader: no live in-sync replica). */
  static String leaderStatus(ShardInfo s) {
    if (s.getLeaderBrokerId() < 0) {
      return "none";
    }
    return s.getLeaderAddress().isEmpty() ? "offline" : "live";
  }

  private static String ids(List<Integer> ids) {
    return ids.isEmpty() ? "-" : ids.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  /**
   * "0..41 (42)" for readable records, "empty" when none, "?" when the leader did not answer; a
   * closed shard adds where it ended, since readers stop there and move on to its children.
   */
  static String sequences(ShardInfo s) {
    String range = range(s);
    if (endedWithRecords(s)) {
      return range + ", ended at " + s.getEndingSequenceNumber();
    }
    return s.getState() == ShardState.CLOSED && s.getSequenceRangeKnown() ? range + ", closed" : range;
  }

  /** A closed shard's ending sequence number means something only if the shard held records. */
  private static boolean endedWithRecords(ShardInfo s) {
    boolean emptyShard = s.getSequenceRangeKnown() && s.getNextSequenceNumber() == 0;
    return s.getState() == ShardState.CLOSED && s.getEndingSequenceNumber() >= 0 && !emptyShard;
  }

  private static String range(ShardInfo s) {
    if (!s.getSequenceRangeKnown()) {
      return "?";
    }
    long first = s.getFirstSequenceNumber();
    long next = s.getNextSequenceNumber();
    if (next <= first) {
      return "empty (next " + next + ")";
    }
    return first + ".." + (next - 1) + " (" + Human.count(next - first) + ")";
  }
}

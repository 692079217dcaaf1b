package io.tributary.cli.cluster;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.cli.output.Json;
import io.tributary.cli.output.Output;
import io.tributary.cli.output.Table;
import io.tributary.proto.v1.UnderReplicatedShard;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How the shards with fewer in-sync replicas than replicas look in {@code trib cluster status}.
 * Stateless. Offline shards (no live in-sync replica to lead) are called out, since they take no writes.
 */
final class UnderReplicatedViews {
  private UnderReplicatedViews() {}

  static String summary(List<UnderReplicatedShard> shards) {
    if (shards.isEmpty()) {
      return "every open shard has all its replicas in sync";
    }
    long offline = shards.stream().filter(UnderReplicatedShard::getOffline).count();
    return shards.size() + " under-replicated shard(s)" + (offline == 0 ? "" : ", " + offline + " offline (no leader)");
  }

  static void print(List<UnderReplicatedShard> shards, Output output) {
    if (shards.isEmpty()) {
      output.line("Under-replicated shards: none");
      return;
    }
    output.line("Under-replicated shards:");
    Table table = Table.of("STREAM", "SHARD", "LEADER", "REPLICAS", "ISR", "OFFLINE");
    for (UnderReplicatedShard s : shards) {
      table.row(s.getStream(), s.getShardId(), s.getLeader() < 0 ? "-" : Integer.toString(s.getLeader()),
          ids(s.getReplicasList()), ids(s.getInSyncReplicasList()), s.getOffline() ? "yes" : "no");
    }
    output.table(table);
  }

  static ArrayNode json(List<UnderReplicatedShard> shards) {
    ArrayNode array = Json.array();
    for (UnderReplicatedShard s : shards) {
      ObjectNode o = array.addObject().put("stream", s.getStream()).put("shardId", s.getShardId())
          .put("leader", s.getLeader());
      s.getReplicasList().forEach(o.putArray("replicas")::add);
      s.getInSyncReplicasList().forEach(o.putArray("inSyncReplicas")::add);
      o.put("offline", s.getOffline());
    }
    return array;
  }

  private static String ids(List<Integer> ids) {
    return ids.isEmpty() ? "-" : ids.stream().map(String::valueOf).collect(Collectors.joining(","));
  }
}

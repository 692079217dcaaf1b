package io.tributary.cli.consumer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.cli.output.Human;
import io.tributary.cli.output.Json;
import io.tributary.cli.output.Output;
import io.tributary.cli.output.Table;
import io.tributary.proto.v1.RegisteredConsumer;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** How registered consumers and consumer applications look in tables and in JSON. Stateless. */
final class ConsumerViews {
  static final String REGISTERED = "registered";
  static final String APPLICATION = "application";

  private ConsumerViews() {}

  /** One array: registered consumers {name, type, created}, then applications {name, type, members, leases, checkpoints}. */
  static ArrayNode listJson(List<RegisteredConsumer> registered, Map<String, ApplicationState.Snapshot> apps) {
    ArrayNode array = Json.array();
    for (RegisteredConsumer c : registered) {
      array.addObject().put("name", c.getName()).put("type", REGISTERED)
          .put("created", Instant.ofEpochMilli(c.getCreatedMillis()).toString());
    }
    apps.forEach((name, s) -> array.addObject().put("name", name).put("type", APPLICATION)
        .put("members", s.members().size()).put("leases", s.leases().size())
        .put("checkpoints", s.checkpoints().size()));
    return array;
  }

  static Table listTable(List<RegisteredConsumer> registered, Map<String, ApplicationState.Snapshot> apps) {
    Table table = Table.of("NAME", "TYPE", "DETAILS");
    for (RegisteredConsumer c : registered) {
      table.row(c.getName(), REGISTERED, "since " + Human.time(c.getCreatedMillis()));
    }
    apps.forEach((name, s) -> table.row(name, APPLICATION, s.members().size() + " live members, "
        + s.leases().size() + " leases, " + s.checkpoints().size() + " checkpointed shards"));
    return table;
  }

  static ObjectNode describeJson(String stream, String app, ApplicationState.Snapshot s, List<ShardProgress> shards) {
    ObjectNode root = Json.object().put("stream", stream).put("application", app);
    ArrayNode members = root.putArray("members");
    s.members().forEach(members::add);
    Long total = ShardProgress.total(shards);
    if (total == null) {
      root.putNull("lag");
    } else {
      root.put("lag", total);
    }
    ArrayNode array = root.putArray("shards");
    for (ShardProgress p : shards) {
      ObjectNode shard = array.addObject().put("shard", p.shard()).put("state", p.state().name())
          .put("leaseOwner", p.owner()).put("checkpoint", p.checkpoint());
      if (p.lag() == null) {
        shard.putNull("lag");
      } else {
        shard.put("lag", p.lag());
      }
    }
    return root;
  }

  static void printDescription(String stream, String app, ApplicationState.Snapshot s, List<ShardProgress> shards,
      Output output) {
    Long total = ShardProgress.total(shards);
    output.line("Application:  " + app + " on stream '" + stream + "'");
    output.line("Members:      " + (s.members().isEmpty() ? "none live" : String.join(", ", s.members())));
    output.line("Lag:          " + (total == null ? "?" : Human.count(total) + " records"));
    output.line("");
    Table table = Table.of("SHARD", "STATE", "LEASE OWNER", "CHECKPOINT", "LAG").alignRight(4);
    for (ShardProgress p : shards) {
      table.row(p.shard(), p.state().name(), p.owner(), p.checkpoint(), p.lag() == null ? "?" : Human.count(p.lag()));
    }
    output.table(table);
  }
}

package io.tributary.cli.consumer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.cli.output.Human;
import io.tributary.cli.output.Json;
import io.tributary.cli.output.Output;
import io.tributary.cli.output.Table;
import io.tributary.client.app.ApplicationState;
import io.tributary.client.app.ApplicationState.ShardProgress;
import io.tributary.client.app.ApplicationSummary;
import io.tributary.proto.v1.RegisteredConsumer;
import io.tributary.proto.v1.ShardState;
import java.time.Instant;
import java.util.List;

/** How registered consumers and consumer applications look in tables and in JSON. Stateless. */
final class ConsumerViews {
  static final String REGISTERED = "registered";
  static final String APPLICATION = "application";

  private ConsumerViews() {}

  /** One array: registered consumers {name, type, created}, then applications {name, type, members, leases, checkpoints}. */
  static ArrayNode listJson(List<RegisteredConsumer> registered, List<ApplicationSummary> apps) {
    ArrayNode array = Json.array();
    for (RegisteredConsumer c : registered) {
      array.addObject().put("name", c.getName()).put("type", REGISTERED)
          .put("created", Instant.ofEpochMilli(c.getCreatedMillis()).toString());
    }
    for (ApplicationSummary a : apps) {
      array.addObject().put("name", a.application()).put("type", APPLICATION)
          .put("members", a.members()).put("leases", a.leases()).put("checkpoints", a.checkpoints());
    }
    return array;
  }

  static Table listTable(List<RegisteredConsumer> registered, List<ApplicationSummary> apps) {
    Table table = Table.of("NAME", "TYPE", "DETAILS");
    for (RegisteredConsumer c : registered) {
      table.row(c.getName(), REGISTERED, "since " + Human.time(c.getCreatedMillis()));
    }
    for (ApplicationSummary a : apps) {
      table.row(a.application(), APPLICATION, a.members() + " live members, " + a.leases() + " leases, "
          + a.checkpoints() + " checkpointed shards");
    }
    return table;
  }

  static ObjectNode describeJson(ApplicationState s) {
    ObjectNode root = Json.object().put("stream", s.stream()).put("application", s.application());
    ArrayNode members = root.putArray("members");
    s.members().forEach(members::add);
    putLag(root, totalLag(s.shards()));
    ArrayNode array = root.putArray("shards");
    for (ShardProgress p : s.shards()) {
      putLag(array.addObject().put("shard", p.shardId()).put("state", state(p))
          .put("leaseOwner", p.owner()).put("checkpoint", p.checkpoint()), p.lag());
    }
    return root;
  }

  static void printDescription(ApplicationState s, Output output) {
    long total = totalLag(s.shards());
    output.line("Application:  " + s.application() + " on stream '" + s.stream() + "'");
    output.line("Members:      " + (s.members().isEmpty() ? "none live" : String.join(", ", s.members())));
    output.line("Lag:          " + (total < 0 ? "?" : Human.count(total) + " records"));
    output.line("");
    Table table = Table.of("SHARD", "STATE", "LEASE OWNER", "CHECKPOINT", "LAG").alignRight(4);
    for (ShardProgress p : s.shards()) {
      table.row(p.shardId(), state(p), p.owner(), p.checkpoint(), p.lag() < 0 ? "?" : Human.count(p.lag()));
    }
    output.table(table);
  }

  private static String state(ShardProgress p) {
    return (p.open() ? ShardState.OPEN : ShardState.CLOSED).name();
  }

  /** An unknown lag (negative) is null in JSON, so scripts cannot mistake it for a count. */
  private static void putLag(ObjectNode node, long lag) {
    if (lag < 0) {
      node.putNull("lag");
    } else {
      node.put("lag", lag);
    }
  }

  /** The sum of the shards' lags, or -1 when one of them is unknown. */
  private static long totalLag(List<ShardProgress> shards) {
    long sum = 0;
    for (ShardProgress p : shards) {
      if (p.lag() < 0) {
        return -1;
      }
      sum += p.lag();
    }
    return sum;
  }
}

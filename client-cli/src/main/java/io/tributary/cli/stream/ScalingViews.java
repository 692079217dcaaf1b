package io.tributary.cli.stream;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.cli.output.Human;
import io.tributary.cli.output.Json;
import io.tributary.cli.output.Output;
import io.tributary.cli.output.Table;
import io.tributary.proto.v1.RegisteredConsumer;
import io.tributary.proto.v1.ScalingEvent;
import io.tributary.proto.v1.StreamDescription;
import java.time.Instant;
import java.util.List;

/**
 * How a stream's resharding history and registered consumers look in tables and in JSON.
 * Stateless. Kept apart from the shard views because both grow with resharding, not with shards.
 */
public final class ScalingViews {
  private ScalingViews() {}

  public static ArrayNode eventsJson(List<ScalingEvent> events) {
    ArrayNode array = Json.array();
    for (ScalingEvent e : events) {
      ObjectNode event = array.addObject()
          .put("at", Instant.ofEpochMilli(e.getAtMillis()).toString())
          .put("action", e.getAction())
          .put("reason", e.getReason());
      ArrayNode closed = event.putArray("closedShards");
      e.getClosedShardIdsList().forEach(closed::add);
      ArrayNode created = event.putArray("createdShards");
      e.getCreatedShardIdsList().forEach(created::add);
    }
    return array;
  }

  public static ArrayNode consumersJson(List<RegisteredConsumer> consumers) {
    ArrayNode array = Json.array();
    for (RegisteredConsumer c : consumers) {
      array.add(consumerJson(c));
    }
    return array;
  }

  public static ObjectNode consumerJson(RegisteredConsumer c) {
    return Json.object()
        .put("name", c.getName())
        .put("stream", c.getStream())
        .put("created", Instant.ofEpochMilli(c.getCreatedMillis()).toString());
  }

  public static Table eventsTable(List<ScalingEvent> events) {
    Table table = Table.of("AT", "ACTION", "CLOSED", "CREATED", "REASON");
    for (ScalingEvent e : events) {
      table.row(Human.time(e.getAtMillis()), e.getAction(), String.join(",", e.getClosedShardIdsList()),
          String.join(",", e.getCreatedShardIdsList()), e.getReason());
    }
    return table;
  }

  public static Table consumersTable(List<RegisteredConsumer> consumers) {
    Table table = Table.of("CONSUMER", "REGISTERED");
    for (RegisteredConsumer c : consumers) {
      table.row(c.getName(), Human.time(c.getCreatedMillis()));
    }
    return table;
  }

  /** The sections after the shard table of {@code trib stream describe}; empty ones are one line. */
  static void printHistoryAndConsumers(StreamDescription d, Output output) {
    output.line("");
    if (d.getScalingEventsCount() == 0) {
      output.line("Scaling history: none");
    } else {
      output.line("Scaling history (newest first):");
      output.table(eventsTable(d.getScalingEventsList()));
    }
    output.line("");
    if (d.getConsumersCount() == 0) {
      output.line("Registered consumers: none");
    } else {
      output.line("Registered consumers:");
      output.table(consumersTable(d.getConsumersList()));
    }
  }
}

package io.tributary.cli.cluster;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.cli.output.Json;
import io.tributary.proto.v1.ReassignmentProgress;
import io.tributary.proto.v1.ReplicaMove;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How replica reassignment progress looks: one line per report, a closing summary, and the JSON
 * object of a report. Stateless. Drain and rebalance print alike, so an operator reads one format.
 */
final class ReassignmentViews {
  private ReassignmentViews() {}

  /**
   * "[3/12] moved shard shardId-000000000002 of 'clicks': replicas [1,2,3] -> [1,2,4], leader 3 -> 1",
   * with "planned" for a dry run; a report without a move shows its message.
   */
  static String line(ReassignmentProgress p, boolean dryRun) {
    StringBuilder line = new StringBuilder().append('[').append(p.getFinished()).append('/').append(p.getPlanned())
        .append("] ");
    if (p.hasMove()) {
      line.append(move(p.getMove(), dryRun ? "planned" : "moved"));
      if (!p.getMessage().isEmpty()) {
        line.append(" (").append(p.getMessage()).append(')');
      }
    } else {
      line.append(p.getMessage().isEmpty() ? (p.getDone() ? "done" : "working") : p.getMessage());
    }
    return line.toString();
  }

  static String move(ReplicaMove m, String verb) {
    String leader = m.getFromLeader() == m.getToLeader()
        ? "leader " + leader(m.getToLeader())
        : "leader " + leader(m.getFromLeader()) + " -> " + leader(m.getToLeader());
    return verb + " shard " + m.getShardId() + " of '" + m.getStream() + "': replicas " + ids(m.getFromReplicasList())
        + " -> " + ids(m.getToReplicasList()) + ", " + leader;
  }

  /** The closing line of a run that ended without error. */
  static String summary(String what, ReassignmentProgress last, boolean dryRun) {
    if (last.getPlanned() == 0) {
      return what + ": nothing to move.";
    }
    if (dryRun) {
      return what + ": " + last.getPlanned() + " move(s) planned (dry run: nothing was changed).";
    }
    return what + ": " + last.getFinished() + " of " + last.getPlanned() + " move(s) done.";
  }

  static ObjectNode json(ReassignmentProgress p) {
    ObjectNode o = Json.object().put("planned", p.getPlanned()).put("finished", p.getFinished());
    if (p.hasMove()) {
      ReplicaMove m = p.getMove();
      ObjectNode move = o.putObject("move").put("stream", m.getStream()).put("shardId", m.getShardId());
      ids(move.putArray("fromReplicas"), m.getFromReplicasList());
      ids(move.putArray("toReplicas"), m.getToReplicasList());
      move.put("fromLeader", m.getFromLeader()).put("toLeader", m.getToLeader());
    }
    o.put("message", p.getMessage()).put("done", p.getDone());
    if (p.hasError()) {
      o.putObject("error").put("code", p.getError().getCode()).put("message", p.getError().getMessage());
    }
    return o;
  }

  private static String leader(int id) {
    return id < 0 ? "-" : Integer.toString(id);
  }

  private static String ids(List<Integer> ids) {
    return ids.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
  }

  private static void ids(ArrayNode into, List<Integer> ids) {
    ids.forEach(into::add);
  }
}

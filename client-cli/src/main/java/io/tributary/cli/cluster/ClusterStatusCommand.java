package io.tributary.cli.cluster;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.cli.CliContext;
import io.tributary.cli.ClientCommand;
import io.tributary.cli.output.Json;
import io.tributary.cli.output.Output;
import io.tributary.cli.output.Table;
import io.tributary.client.TributaryClient;
import io.tributary.proto.v1.BrokerInfo;
import io.tributary.proto.v1.ClusterStatus;
import io.tributary.proto.v1.CoordinatorInfo;
import picocli.CommandLine.Command;

/** {@code trib cluster status}. Confined to the command's thread. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Coordinators (and which leads), live brokers, streams and shards.")
public final class ClusterStatusCommand extends ClientCommand {
  ClusterStatusCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int run(TributaryClient client, Output output) {
    ClusterStatus status = client.clusterStatus();
    if (output.json()) {
      output.json(toJson(status));
    } else {
      print(status, output);
    }
    return 0;
  }

  static ObjectNode toJson(ClusterStatus status) {
    ObjectNode root = Json.object()
        .put("cluster", status.getCluster())
        .put("leaderEpoch", status.getLeaderEpoch())
        .put("streams", status.getStreamCount())
        .put("openShards", status.getOpenShardCount());
    ArrayNode coordinators = root.putArray("coordinators");
    for (CoordinatorInfo c : status.getCoordinatorsList()) {
      coordinators.addObject().put("id", c.getId()).put("address", c.getAddress()).put("leader", c.getLeader());
    }
    ArrayNode brokers = root.putArray("brokers");
    for (BrokerInfo b : status.getBrokersList()) {
      brokers.addObject().put("id", b.getId()).put("address", b.getAddress()).put("leaderShards", b.getLeaderShards());
    }
    return root;
  }

  static void print(ClusterStatus status, Output output) {
    output.line("Cluster:      " + status.getCluster() + " (leader epoch " + status.getLeaderEpoch() + ")");
    output.line("Streams:      " + status.getStreamCount() + " with " + status.getOpenShardCount() + " open shards");
    output.line("");
    Table coordinators = Table.of("COORDINATOR", "ADDRESS", "ROLE");
    for (CoordinatorInfo c : status.getCoordinatorsList()) {
      coordinators.row(c.getId(), c.getAddress(), c.getLeader() ? "leader" : "standby");
    }
    output.table(coordinators);
    output.line("");
    Table brokers = Table.of("BROKER", "ADDRESS", "LEADER SHARDS").alignRight(0, 2);
    for (BrokerInfo b : status.getBrokersList()) {
      brokers.row(b.getId(), b.getAddress(), b.getLeaderShards());
    }
    output.table(brokers);
  }
}

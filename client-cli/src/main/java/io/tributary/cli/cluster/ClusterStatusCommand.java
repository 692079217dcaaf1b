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
import io.tributary.proto.v1.WorkerInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import picocli.CommandLine.Command;

/** {@code trib cluster status}. Confined to the command's thread. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Coordinators (and which leads), live brokers, workers and their free slots, streams, shards and"
        + " jobs by state.")
public final class ClusterStatusCommand extends ClientCommand {
  /** Job states in the order a job goes through them, so the summary reads like a pipeline. */
  private static final List<String> JOB_STATE_ORDER =
      List.of("CREATED", "RUNNING", "RESTARTING", "CANCELING", "FINISHED", "FAILED", "CANCELED");

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
      brokers.addObject().put("id", b.getId()).put("address", b.getAddress()).put("leaderShards", b.getLeaderShards())
          .put("replicaShards", b.getReplicaShards()).put("drained", b.getDrained());
    }
    root.set("underReplicated", UnderReplicatedViews.json(status.getUnderReplicatedList()));
    ArrayNode workers = root.putArray("workers");
    for (WorkerInfo w : status.getWorkersList()) {
      workers.addObject().put("id", w.getId()).put("address", w.getAddress()).put("slots", w.getSlots())
          .put("freeSlots", w.getFreeSlots());
    }
    ObjectNode jobs = root.putObject("jobs");
    jobsByState(status).forEach(jobs::put);
    return root;
  }

  static void print(ClusterStatus status, Output output) {
    output.line("Cluster:      " + status.getCluster() + " (leader epoch " + status.getLeaderEpoch() + ")");
    output.line("Streams:      " + status.getStreamCount() + " with " + status.getOpenShardCount() + " open shards");
    output.line("Replication:  " + UnderReplicatedViews.summary(status.getUnderReplicatedList()));
    output.line("Jobs:         " + jobsLine(status));
    output.line("Slots:        " + slotsLine(status));
    output.line("");
    Table coordinators = Table.of("COORDINATOR", "ADDRESS", "ROLE");
    for (CoordinatorInfo c : status.getCoordinatorsList()) {
      coordinators.row(c.getId(), c.getAddress(), c.getLeader() ? "leader" : "standby");
    }
    output.table(coordinators);
    output.line("");
    Table brokers = Table.of("BROKER", "ADDRESS", "LEADER SHARDS", "REPLICAS", "DRAINED").alignRight(0, 2, 3);
    for (BrokerInfo b : status.getBrokersList()) {
      brokers.row(b.getId(), b.getAddress(), b.getLeaderShards(), b.getReplicaShards(), b.getDrained() ? "yes" : "no");
    }
    output.table(brokers);
    output.line("");
    UnderReplicatedViews.print(status.getUnderReplicatedList(), output);
    output.line("");
    Table workers = Table.of("WORKER", "ADDRESS", "SLOTS", "FREE").alignRight(2, 3);
    for (WorkerInfo w : status.getWorkersList()) {
      workers.row(w.getId(), w.getAddress(), w.getSlots(), w.getFreeSlots());
    }
    output.table(workers);
  }

  private static String jobsLine(ClusterStatus status) {
    Map<String, Integer> jobs = jobsByState(status);
    if (jobs.isEmpty()) {
      return "none";
    }
    StringJoiner line = new StringJoiner(", ");
    jobs.forEach((state, count) -> line.add(count + " " + state.toLowerCase(Locale.ROOT)));
    return line.toString();
  }

  private static String slotsLine(ClusterStatus status) {
    int slots = status.getWorkersList().stream().mapToInt(WorkerInfo::getSlots).sum();
    int free = status.getWorkersList().stream().mapToInt(WorkerInfo::getFreeSlots).sum();
    return free + " free of " + slots + " on " + status.getWorkersCount() + " worker(s)";
  }

  /** Jobs by state, known states in lifecycle order and any newer ones after them by name. */
  private static Map<String, Integer> jobsByState(ClusterStatus status) {
    Map<String, Integer> ordered = new LinkedHashMap<>();
    Map<String, Integer> all = new TreeMap<>(status.getJobsByStateMap());
    JOB_STATE_ORDER.stream().filter(all::containsKey).forEach(state -> ordered.put(state, all.get(state)));
    ordered.putAll(all);
    return ordered;
  }
}

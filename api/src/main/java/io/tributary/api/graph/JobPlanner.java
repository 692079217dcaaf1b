package io.tributary.api.graph;

import io.tributary.api.checkpoint.CheckpointSettings;
import io.tributary.api.checkpoint.RestartStrategy;
import io.tributary.api.sources.Source;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns the logical graph into a {@link JobPlan}: resolves default partitioning, chains operators
 * and numbers vertices and edges. Stateless; thread-safe.
 *
 * <p>Node B joins the chain of node A iff B has exactly one input, it comes from A over Forward, both
 * have the same parallelism and B is not a two-input operator. Vertices are numbered by their head's
 * node id, which keeps the plan deterministic and topologically ordered (every edge goes from a lower
 * node id to a higher one, and a head has the lowest id of its chain).
 */
public final class JobPlanner {
  private JobPlanner() {}

  /** A plan without checkpoints that fails at the first failure. */
  public static JobPlan plan(String jobName, int maxParallelism, StreamGraph graph) {
    return plan(jobName, maxParallelism, graph, CheckpointSettings.disabled(), null);
  }

  /**
   * @param restartStrategy null for the default: fixed-delay restarts without limit, 1 s apart, when
   *     the job checkpoints (it can resume), none otherwise
   */
  public static JobPlan plan(String jobName, int maxParallelism, StreamGraph graph, CheckpointSettings checkpoints,
      RestartStrategy restartStrategy) {
    if (jobName == null || jobName.isBlank()) {
      throw new IllegalArgumentException("a job needs a name: call execute(\"my-job\")");
    }
    List<LogicalNode> nodes = graph.nodes();
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException(
          "job '" + jobName + "' declares no sources or operators; add a source (e.g. env.fromSequence) and a sink");
    }
    for (LogicalNode node : nodes) {
      validate(node, nodes, maxParallelism);
    }
    checkUniqueUids(jobName, nodes);
    int[] headOf = chainHeads(nodes);
    Map<Integer, Integer> vertexOfHead = new HashMap<>();
    for (LogicalNode node : nodes) {
      if (headOf[node.id()] == node.id()) {
        vertexOfHead.put(node.id(), vertexOfHead.size());
      }
    }
    int vertexCount = vertexOfHead.size();
    List<List<JobEdge>> inputs = emptyLists(vertexCount);
    List<List<JobEdge>> outputs = emptyLists(vertexCount);
    for (LogicalNode node : nodes) {
      if (headOf[node.id()] != node.id()) {
        continue;
      }
      int target = vertexOfHead.get(node.id());
      for (LogicalInput in : node.inputs()) {
        int source = vertexOfHead.get(headOf[in.sourceNode()]);
        JobEdge edge = new JobEdge(source, in.sourceNode(), outputs.get(source).size(), in.sideOutput(), target,
            in.targetInput(), resolve(node, in, nodes));
        outputs.get(source).add(edge);
        inputs.get(target).add(edge);
      }
    }
    List<JobVertex> vertices = new ArrayList<>(vertexCount);
    boolean bounded = true;
    for (LogicalNode head : nodes) {
      if (headOf[head.id()] != head.id()) {
        continue;
      }
      List<ChainedNode> chain = chainOf(head, nodes, headOf);
      String name = chain.stream().map(ChainedNode::name).collect(Collectors.joining(" -> "));
      int id = vertexOfHead.get(head.id());
      vertices.add(new JobVertex(id, name, head.parallelism(), chain, inputs.get(id), outputs.get(id)));
      if (head.function() instanceof Source<?> source && !source.bounded()) {
        bounded = false;
      }
    }
    return new JobPlan(jobName, maxParallelism, bounded, vertices, checkpoints,
        restartStrategy != null ? restartStrategy : defaultRestartStrategy(checkpoints));
  }

  /** Without checkpoints a restart would lose state, so the job fails; with them it resumes, like Flink. */
  public static RestartStrategy defaultRestartStrategy(CheckpointSettings checkpoints) {
    return checkpoints != null && checkpoints.enabled()
        ? RestartStrategy.fixedDelay(Integer.MAX_VALUE, Duration.ofSeconds(1))
        : RestartStrategy.none();
  }

  private static void checkUniqueUids(String jobName, List<LogicalNode> nodes) {
    Map<String, LogicalNode> byUid = new HashMap<>();
    for (LogicalNode node : nodes) {
      String uid = node.uid() != null ? node.uid() : ChainedNode.defaultUid(node.id());
      LogicalNode other = byUid.putIfAbsent(uid, node);
      if (other != null) {
        throw new IllegalArgumentException("job '" + jobName + "' gives uid '" + uid + "' to both '" + other.name()
            + "' and '" + node.name() + "'; a uid names one operator's state in checkpoints and savepoints, so give "
            + "each operator its own");
      }
    }
  }

  private static void validate(LogicalNode node, List<LogicalNode> nodes, int maxParallelism) {
    if (node.parallelism() < 1 || node.parallelism() > maxParallelism) {
      throw new IllegalArgumentException("operator '" + node.name() + "' has parallelism " + node.parallelism()
          + ", which must be between 1 and the max parallelism " + maxParallelism
          + "; lower it with setParallelism or raise setMaxParallelism");
    }
    boolean hasSecond = node.inputs().stream().anyMatch(in -> in.targetInput() == 2);
    if (node.isTwoInput() && (!hasSecond || node.inputs().stream().noneMatch(in -> in.targetInput() == 1))) {
      throw new IllegalArgumentException("two-input operator '" + node.name() + "' needs records on both inputs");
    }
    if (!node.isTwoInput() && hasSecond) {
      throw new IllegalArgumentException("operator '" + node.name() + "' has one input but was given a second");
    }
    if (!node.isSource() && node.inputs().isEmpty()) {
      throw new IllegalArgumentException("operator '" + node.name() + "' has no input");
    }
    for (LogicalInput in : node.inputs()) {
      LogicalNode upstream = nodes.get(in.sourceNode());
      if (in.partitioning() instanceof Partitioning.Forward && upstream.parallelism() != node.parallelism()) {
        throw new IllegalArgumentException("forward edge from '" + upstream.name() + "' (parallelism "
            + upstream.parallelism() + ") to '" + node.name() + "' (parallelism " + node.parallelism()
            + ") needs equal parallelism; use rebalance() or make them equal");
      }
    }
  }

  /** headOf[n] = the node whose vertex n runs in (n itself when n starts a chain). */
  private static int[] chainHeads(List<LogicalNode> nodes) {
    int[] headOf = new int[nodes.size()];
    for (LogicalNode node : nodes) {
      headOf[node.id()] = chainsToUpstream(node, nodes) ? headOf[node.inputs().get(0).sourceNode()] : node.id();
    }
    return headOf;
  }

  private static boolean chainsToUpstream(LogicalNode node, List<LogicalNode> nodes) {
    if (node.isSource() || node.isTwoInput() || node.inputs().size() != 1) {
      return false;
    }
    LogicalInput in = node.inputs().get(0);
    return resolve(node, in, nodes) instanceof Partitioning.Forward;
  }

  private static Partitioning resolve(LogicalNode consumer, LogicalInput in, List<LogicalNode> nodes) {
    if (in.partitioning() != null) {
      return in.partitioning();
    }
    return nodes.get(in.sourceNode()).parallelism() == consumer.parallelism()
        ? new Partitioning.Forward()
        : new Partitioning.Rebalance();
  }

  private static List<ChainedNode> chainOf(LogicalNode head, List<LogicalNode> nodes, int[] headOf) {
    List<ChainedNode> chain = new ArrayList<>();
    for (LogicalNode node : nodes) {
      if (headOf[node.id()] != head.id()) {
        continue;
      }
      List<ChainedOutput> chained = new ArrayList<>();
      for (LogicalNode later : nodes) {
        if (later.id() > node.id() && headOf[later.id()] == head.id() && later.id() != head.id()
            && later.inputs().get(0).sourceNode() == node.id()) {
          chained.add(new ChainedOutput(later.id(), later.inputs().get(0).sideOutput()));
        }
      }
      chain.add(new ChainedNode(node.id(), node.name(), node.function(), node.watermarks(), chained, node.uid()));
    }
    return chain;
  }

  private static List<List<JobEdge>> emptyLists(int n) {
    List<List<JobEdge>> lists = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      lists.add(new ArrayList<>());
    }
    return lists;
  }
}

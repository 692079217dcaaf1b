package io.tributary.coordinator;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.common.stream.StreamMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The leader's drains and rebalances: plans on the event loop, then carries out the moves one at a
 * time on its own thread, reporting progress. Thread-safe.
 *
 * <p>One reassignment thread serializes drains and rebalances, so two never plan against each
 * other's half-done moves, and a drain that waits minutes for a replica to catch up never holds up
 * the event loop: only its short writes run there.
 */
final class ClusterReassignments implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(ClusterReassignments.class);

  private final StreamCatalog catalog;
  private final ClusterDirectory directory;
  private final LeadershipState leadership;
  private final EventLoop loop;
  private final ReplicaMover mover;
  private final CoordinatorMetrics metrics;
  private final ExecutorService worker;

  ClusterReassignments(StreamCatalog catalog, ClusterDirectory directory, LeadershipState leadership, EventLoop loop,
      ReplicaMover mover, CoordinatorMetrics metrics) {
    this.catalog = catalog;
    this.directory = directory;
    this.leadership = leadership;
    this.loop = loop;
    this.mover = mover;
    this.metrics = metrics;
    this.worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "coordinator-reassignment");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Marks {@code broker} drained and moves every replica off it; refuses at once (before marking)
   * when some replica has nowhere to go. {@code sink} gets the progress, on the reassignment thread.
   */
  void drain(int broker, Consumer<ReassignmentProgress> sink) {
    leadership.requireLeader();
    loop.call(() -> leadership.act(term -> {
      if (!directory.liveBrokers().containsKey(broker) && catalog.load().replicas(broker) == 0) {
        throw new TributaryException(ErrorCode.RESOURCE_NOT_FOUND, "broker " + broker
            + " is not registered and holds no replicas; see the broker ids with 'trib cluster status'");
      }
      planDrain(broker);
      directory.markDrained(broker);
      return null;
    }));
    LOG.info("broker {} is drained: it takes no new replicas; moving its replicas off", broker);
    submit(() -> execute("draining broker " + broker, () -> planDrain(broker), sink));
  }

  /** Moves replicas and leaders until they are even; with {@code dryRun} only reports the plan. */
  void rebalance(boolean dryRun, Consumer<ReassignmentProgress> sink) {
    leadership.requireLeader();
    if (dryRun) {
      List<ReassignmentPlanner.Move> moves = loop.call(() -> leadership.act(term -> planRebalance()));
      for (ReassignmentPlanner.Move move : moves) {
        sink.accept(new ReassignmentProgress(moves.size(), 0, move, "would " + describe(move), false, null));
      }
      sink.accept(new ReassignmentProgress(moves.size(), 0, null,
          moves.isEmpty() ? "replicas and leaders are balanced already" : moves.size() + " moves planned (dry run)",
          true, null));
      return;
    }
    submit(() -> execute("rebalancing", this::planRebalance, sink));
  }

  /** On the loop: a rebalance when {@code broker}, just registered, holds no replica yet. */
  void rebalanceForNewBroker(int broker) {
    if (!directory.eligibleBrokers().contains(broker) || catalog.load().replicas(broker) > 0) {
      return;
    }
    LOG.info("broker {} registered without replicas; rebalancing (coordinator.auto-rebalance)", broker);
    submit(() -> execute("rebalancing for new broker " + broker, this::planRebalance, p -> {
      if (p.done() && p.error() != null) {
        LOG.warn("automatic rebalance stopped: {}", p.error().describe());
      }
    }));
  }

  private interface Planner {
    List<ReassignmentPlanner.Move> plan();
  }

  private void execute(String what, Planner planner, Consumer<ReassignmentProgress> sink) {
    int finished = 0;
    int planned = 0;
    try {
      List<ReassignmentPlanner.Move> moves = loop.call(() -> leadership.act(term -> planner.plan()));
      planned = moves.size();
      sink.accept(new ReassignmentProgress(planned, 0, null, what + ": " + planned + " moves planned", false, null));
      for (ReassignmentPlanner.Move move : moves) {
        sink.accept(new ReassignmentProgress(planned, finished, move, describe(move), false, null));
        int done = finished;
        int total = planned;
        mover.run(move, line -> sink.accept(new ReassignmentProgress(total, done, move, line, false, null)));
        finished++;
        metrics.replicaMove();
        LOG.info("{}: {} ({} of {})", what, describe(move), finished, planned);
        sink.accept(new ReassignmentProgress(planned, finished, move, "done: " + describe(move), false, null));
      }
      sink.accept(new ReassignmentProgress(planned, finished, null, what + ": finished " + finished + " moves", true,
          null));
    } catch (TributaryException e) {
      LOG.warn("{} stopped after {} of {} moves: {}", what, finished, planned, e.describe());
      sink.accept(new ReassignmentProgress(planned, finished, null, what + " stopped", true, e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      sink.accept(new ReassignmentProgress(planned, finished, null, what + " stopped", true,
          new TributaryException(ErrorCode.UNAVAILABLE, "the coordinator is shutting down; run it again against"
              + " the next leader")));
    }
  }

  /** On the loop. */
  private List<ReassignmentPlanner.Move> planDrain(int broker) {
    SortedSet<Integer> eligible = directory.eligibleBrokers();
    eligible.remove(broker);
    // Closed shards too: their records stay readable until retention drops them, and a drained
    // broker may be removed for good.
    return ReassignmentPlanner.drain(shards(false), broker, eligible);
  }

  /** On the loop. */
  private List<ReassignmentPlanner.Move> planRebalance() {
    return ReassignmentPlanner.rebalance(shards(true), directory.eligibleBrokers());
  }

  private List<ReassignmentPlanner.Placed> shards(boolean openOnly) {
    List<ReassignmentPlanner.Placed> shards = new ArrayList<>();
    for (StreamSnapshot stream : catalog.all()) {
      if (StreamMetadata.DELETING.equals(stream.stream().status())) {
        continue;
      }
      for (ShardMetadata shard : stream.shards()) {
        if (shard.open() || !openOnly) {
          shards.add(new ReassignmentPlanner.Placed(stream.name(), shard));
        }
      }
    }
    return shards;
  }

  static String describe(ReassignmentPlanner.Move move) {
    String shard = "stream '" + move.stream() + "' shard " + move.shardId();
    if (move.leaderOnly()) {
      return "move the leader of " + shard + " from broker " + move.fromLeader() + " to " + move.toLeader();
    }
    return "move " + shard + " from broker " + move.removed() + " to " + move.added() + " (replicas "
        + move.fromReplicas() + " -> " + move.toReplicas() + ", leader " + move.fromLeader() + " -> "
        + move.toLeader() + ")";
  }

  private void submit(Runnable task) {
    try {
      worker.execute(task);
    } catch (RejectedExecutionException e) {
      throw new TributaryException(ErrorCode.UNAVAILABLE, "this coordinator is shutting down; retry against the"
          + " next leader", e);
    }
  }

  @Override
  public void close() {
    worker.shutdownNow();
    try {
      if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("reassignment thread did not stop within 5s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

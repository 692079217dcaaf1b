package io.tributary.coordinator;

import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.HashKey;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.common.stream.StreamMetadata;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.function.BiFunction;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The leader's resharding: split, merge and scale. Public methods are thread-safe and hand the work to
 * the coordinator event loop; the transaction runs there, the wait for the brokers does not.
 *
 * <p>The loop serializes resharding with every other change, so two requests never plan against the
 * same stream version; the stream's UPDATING status refuses a second one until the first is done.
 */
final class ReshardCommands {
  private static final Logger LOG = LogManager.getLogger(ReshardCommands.class);

  private final StreamCatalog catalog;
  private final ReshardCatalog reshards;
  private final ClusterDirectory directory;
  private final LeadershipState leadership;
  private final EventLoop loop;
  private final CoordinatorMetrics metrics;
  private final ReshardCompletion completion;
  private final Clock clock;

  ReshardCommands(StreamCatalog catalog, ReshardCatalog reshards, ClusterDirectory directory,
      LeadershipState leadership, EventLoop loop, ReshardCompletion completion, CoordinatorMetrics metrics,
      Clock clock) {
    this.catalog = catalog;
    this.reshards = reshards;
    this.directory = directory;
    this.leadership = leadership;
    this.loop = loop;
    this.completion = completion;
    this.metrics = metrics;
    this.clock = clock;
  }

  StreamSnapshot split(String stream, String shardId, Optional<HashKey> at, ReshardPlanner.Origin origin) {
    return change(stream, origin,
        (read, placement) -> ReshardPlanner.split(read, shardId, at, origin, placement, clock.millis()));
  }

  StreamSnapshot merge(String stream, String shardId, String adjacentShardId, ReshardPlanner.Origin origin) {
    return change(stream, origin,
        (read, placement) -> ReshardPlanner.merge(read, shardId, adjacentShardId, origin, placement, clock.millis()));
  }

  StreamSnapshot scale(String stream, int target, ReshardPlanner.Origin origin) {
    return change(stream, origin,
        (read, placement) -> ReshardPlanner.scale(read, target, origin, placement, clock.millis()));
  }

  /** On the loop, after winning an election: finish resharding a previous leader left UPDATING. */
  void finishPendingReshards() {
    try {
      for (StreamSnapshot stream : catalog.all()) {
        if (StreamMetadata.UPDATING.equals(stream.stream().status())) {
          LOG.info("finishing the resharding of stream '{}'", stream.name());
          completion.finish(stream.name(), stream.stream().uid(),
              stream.shards().stream().filter(ShardMetadata::open).toList());
        }
      }
    } catch (TributaryException e) {
      // The streams stay UPDATING; the next leader, or this one's next term, finishes them.
      LOG.warn("could not finish pending resharding: {}", e.describe());
    }
  }

  private StreamSnapshot change(
      String stream, ReshardPlanner.Origin origin,
      BiFunction<StreamSnapshot, ReshardPlanner.Placement, ReshardPlan> planner) {
    leadership.requireLeader();
    StreamSnapshot changed = loop.call(() -> leadership.act(term -> {
      StreamSnapshot read = catalog.get(stream);
      ReshardPlan plan = planner.apply(read, placement(read, term));
      reshards.apply(plan, reshards.history(stream), term);
      metrics.reshard(plan.event().action(), origin.scaler());
      LOG.info("stream '{}': {} ({}) closed {} and opened {}", stream, plan.event().action(), plan.event().reason(),
          plan.event().closedShardIds(), plan.event().createdShardIds());
      return catalog.get(stream);
    }));
    completion.finish(stream, changed.stream().uid(), changed.shards().stream().filter(ShardMetadata::open).toList());
    return changed;
  }

  /** Replicas for new shards, on the loop: the least-loaded eligible brokers, the stream's factor. */
  private ReshardPlanner.Placement placement(StreamSnapshot stream, Term term) {
    return new ReshardPlanner.Placement(count -> {
      SortedSet<Integer> brokers = directory.eligibleBrokers();
      int factor = Math.max(1, stream.stream().replicationFactor());
      if (brokers.size() < factor) {
        throw Errors.unavailable("stream '" + stream.name() + "' has replication factor " + factor + " but only "
            + brokers.size() + " live brokers take replicas; start more brokers, then retry");
      }
      return ReplicaPlacement.place(brokers, catalog.load(), count, factor);
    }, term.epoch());
  }
}

package io.tributary.coordinator;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.HashKey;
import io.tributary.common.stream.HashKeyRange;
import io.tributary.common.stream.Resharding;
import io.tributary.common.stream.ShardIds;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.common.stream.StreamMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Turns a split, merge or scale request on a stream as read into a {@link ReshardPlan}, or the error
 * that names what is wrong with it. Stateless.
 *
 * <p>Planning is pure (the leaders come from a function) so every refusal is tested without
 * ZooKeeper; the range arithmetic itself is {@link Resharding}'s.
 */
final class ReshardPlanner {
  /** Who asks: the operator (refused on on-demand streams) or the on-demand scaler, with its reason. */
  record Origin(boolean scaler, String reason) {
    static final Origin OPERATOR = new Origin(false, ScalingRecord.OPERATOR);

    static Origin scaler(String reason) {
      return new Origin(true, reason);
    }
  }

  /**
   * Where new shards go: replica lists (leader first) for a count of children with the stream's
   * replication factor, and the term they are written under.
   */
  record Placement(IntFunction<List<List<Integer>>> replicas, long coordinatorEpoch) {}

  private ReshardPlanner() {}

  /** @param at the first key of the second child; empty splits in the middle */
  static ReshardPlan split(StreamSnapshot stream, String shardId, Optional<HashKey> at, Origin origin,
      Placement placement, long nowMillis) {
    requireChangeable(stream, origin);
    ShardMetadata parent = openShard(stream, shardId, "split");
    HashKeyRange range = parent.hashKeyRange();
    if (!Resharding.splittable(range)) {
      throw Errors.invalid("shard '" + shardId + "' holds a single hash key and cannot be split");
    }
    HashKey key = at.orElseGet(() -> Resharding.middle(range));
    if (!Resharding.canSplitAt(range, key)) {
      throw Errors.invalid("split key " + key + " is not strictly inside the hash range of shard '" + shardId
          + "' [" + range.start() + ", " + range.end() + "]; give a key greater than its start and at most its end");
    }
    List<ShardMetadata> children =
        children(stream, Resharding.split(range, key), List.of(List.of(shardId), List.of(shardId)), placement);
    return plan(stream, List.of(parent), children, ScalingRecord.SPLIT, origin, placement, nowMillis);
  }

  static ReshardPlan merge(StreamSnapshot stream, String shardId, String adjacentShardId, Origin origin,
      Placement placement, long nowMillis) {
    requireChangeable(stream, origin);
    if (shardId.equals(adjacentShardId)) {
      throw Errors.invalid("cannot merge shard '" + shardId + "' with itself; give two adjacent open shards");
    }
    ShardMetadata a = openShard(stream, shardId, "merge");
    ShardMetadata b = openShard(stream, adjacentShardId, "merge");
    if (!Resharding.adjacent(a.hashKeyRange(), b.hashKeyRange())) {
      throw Errors.invalid("shards '" + shardId + "' and '" + adjacentShardId + "' are not adjacent: one's hash"
          + " range must end right before the other's starts; see the ranges with 'trib stream describe "
          + stream.name() + "'");
    }
    ShardMetadata low = a.hashKeyRange().start().compareTo(b.hashKeyRange().start()) < 0 ? a : b;
    ShardMetadata high = low == a ? b : a;
    HashKeyRange merged = Resharding.merge(a.hashKeyRange(), b.hashKeyRange());
    List<ShardMetadata> children = children(stream, List.of(merged),
        List.of(List.of(low.shardId(), high.shardId())), placement);
    return plan(stream, List.of(low, high), children, ScalingRecord.MERGE, origin, placement, nowMillis);
  }

  /** Closes every open shard and opens {@code target} uniform ones (already checked against limits). */
  static ReshardPlan scale(StreamSnapshot stream, int target, Origin origin, Placement placement,
      long nowMillis) {
    requireChangeable(stream, origin);
    List<ShardMetadata> open = stream.shards().stream().filter(ShardMetadata::open).toList();
    if (target == open.size()) {
      throw Errors.invalid("stream '" + stream.name() + "' already has " + target
          + " open shards; give a different shard count");
    }
    Map<String, HashKeyRange> ranges = new LinkedHashMap<>();
    open.forEach(s -> ranges.put(s.shardId(), s.hashKeyRange()));
    List<Resharding.PlannedRange> planned = Resharding.scale(ranges, target);
    List<ShardMetadata> children = children(stream, planned.stream().map(Resharding.PlannedRange::range).toList(),
        planned.stream().map(Resharding.PlannedRange::parentShardIds).toList(), placement);
    return plan(stream, open, children, ScalingRecord.SCALE, origin, placement, nowMillis);
  }

  private static void requireChangeable(StreamSnapshot stream, Origin origin) {
    String status = stream.stream().status();
    if (StreamMetadata.UPDATING.equals(status)) {
      throw new TributaryException(ErrorCode.RESOURCE_IN_USE,
          "stream '" + stream.name() + "' is already resharding; wait until it is ACTIVE, then retry");
    }
    if (StreamMetadata.DELETING.equals(status)) {
      throw new TributaryException(ErrorCode.RESOURCE_IN_USE, "stream '" + stream.name() + "' is being deleted");
    }
    if (stream.stream().onDemand() && !origin.scaler()) {
      throw Errors.invalid("stream '" + stream.name() + "' is in on-demand mode: its shards are managed by the"
          + " on-demand scaler; reshard only provisioned streams");
    }
  }

  private static ShardMetadata openShard(StreamSnapshot stream, String shardId, String verb) {
    for (ShardMetadata shard : stream.shards()) {
      if (shard.shardId().equals(shardId)) {
        if (!shard.open()) {
          throw Errors.invalid("shard '" + shardId + "' of stream '" + stream.name() + "' is CLOSED and cannot be "
              + (verb.equals("merge") ? "merged" : verb) + "; " + verb + " one of its open descendants (see 'trib stream describe " + stream.name() + "')");
        }
        return shard;
      }
    }
    throw Errors.shardNotFound(stream.name(), shardId);
  }

  private static List<ShardMetadata> children(StreamSnapshot stream, List<HashKeyRange> ranges,
      List<List<String>> parents, Placement placement) {
    List<List<Integer>> placed = placement.replicas().apply(ranges.size());
    int next = stream.stream().nextShardIndex();
    List<ShardMetadata> children = new ArrayList<>(ranges.size());
    for (int i = 0; i < ranges.size(); i++) {
      HashKeyRange range = ranges.get(i);
      children.add(ReplicaPlacement.shard(ShardIds.of(next + i), range.start().toString(), range.end().toString(),
          parents.get(i), placed.get(i), placement.coordinatorEpoch()));
    }
    return children;
  }

  private static ReshardPlan plan(StreamSnapshot stream, List<ShardMetadata> parents, List<ShardMetadata> children,
      String action, Origin origin, Placement placement, long nowMillis) {
    List<ShardMetadata> closed = parents.stream().map(p -> closed(p, placement.coordinatorEpoch())).toList();
    StreamMetadata changed = stream.stream().withStatus(StreamMetadata.UPDATING)
        .withNextShardIndex(stream.stream().nextShardIndex() + children.size());
    ScalingRecord event = new ScalingRecord(nowMillis, action, origin.reason(),
        parents.stream().map(ShardMetadata::shardId).toList(), children.stream().map(ShardMetadata::shardId).toList());
    return new ReshardPlan(stream, changed, closed, children, event);
  }

  /** Closed under the current term, so brokers that applied a newer term's metadata accept it. */
  private static ShardMetadata closed(ShardMetadata s, long coordinatorEpoch) {
    return new ShardMetadata(s.shardId(), s.startingHashKey(), s.endingHashKey(), s.parentShardIds(),
        ShardMetadata.CLOSED, s.leader(), s.leaderEpoch(), s.replicas(), s.inSyncReplicas(), s.endingSequenceNumber(),
        coordinatorEpoch);
  }
}

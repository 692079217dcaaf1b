package io.tributary.coordinator;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.ShardMetadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;

/**
 * Plans replica moves: a drain (every replica off one broker) and a rebalance (replicas, then
 * leaders, even over the eligible brokers). Stateless; a drain moves every shard it is given, a
 * rebalance is given only open shards (closed ones take no writes and age out).
 *
 * <p>Planning is pure so that every refusal and every spread is tested without ZooKeeper; the moves
 * are carried out one at a time by {@link ReplicaMover}, which re-checks each against ZooKeeper.
 */
final class ReassignmentPlanner {
  /** A shard of a stream as read. */
  record Placed(String stream, ShardMetadata shard) {}

  /**
   * A planned change of one shard: one replica replaced ({@code fromReplicas} -> {@code toReplicas}),
   * and the leader. Equal replica lists mean a move of the leader only.
   */
  record Move(String stream, String shardId, List<Integer> fromReplicas, List<Integer> toReplicas, int fromLeader,
      int toLeader) {
    boolean leaderOnly() {
      return fromReplicas.equals(toReplicas);
    }

    int removed() {
      return fromReplicas.stream().filter(b -> !toReplicas.contains(b)).findFirst().orElse(-1);
    }

    int added() {
      return toReplicas.stream().filter(b -> !fromReplicas.contains(b)).findFirst().orElse(-1);
    }
  }

  private ReassignmentPlanner() {}

  /** Moves that take every replica off {@code broker}, each to the least-loaded eligible broker. */
  static List<Move> drain(List<Placed> shards, int broker, SortedSet<Integer> eligible) {
    Set<Integer> targets = new LinkedHashSet<>(eligible);
    targets.remove(broker);
    ReplicaPlacement.Load load = ReplicaPlacement.Load.of(shards.stream().map(Placed::shard).toList());
    List<Move> moves = new ArrayList<>();
    for (Placed placed : shards) {
      ShardMetadata shard = placed.shard();
      if (!shard.hasReplica(broker)) {
        continue;
      }
      int target = targets.stream().filter(b -> !shard.hasReplica(b))
          .min(Comparator.comparingInt((Integer b) -> load.replicas(b)).thenComparing(Comparator.naturalOrder()))
          .orElseThrow(() -> new TributaryException(ErrorCode.RESOURCE_IN_USE, "cannot drain broker " + broker
              + ": shard " + shard.shardId() + " of stream '" + placed.stream() + "' has " + shard.replicas().size()
              + " replicas " + shard.replicas() + " and no other live broker that is not drained can take the one on"
              + " broker " + broker + "; add a broker first, or stop the broker and let the shard run with fewer"
              + " in-sync replicas"));
      load.replicas().merge(target, 1, Integer::sum);
      load.replicas().merge(broker, -1, Integer::sum);
      moves.add(replace(placed, broker, target));
    }
    return moves;
  }

  /**
   * Replica moves from brokers above the even share to those below, then leader moves that even out
   * leader counts (only to brokers that are, or will be, in sync).
   */
  static List<Move> rebalance(List<Placed> shards, SortedSet<Integer> eligible) {
    List<Placed> current = new ArrayList<>(shards);
    List<Move> moves = new ArrayList<>();
    for (int guard = 0; guard < 10_000; guard++) {
      Move move = nextReplicaMove(current, eligible);
      if (move == null) {
        break;
      }
      moves.add(move);
      apply(current, move);
    }
    for (int guard = 0; guard < 10_000; guard++) {
      Move move = nextLeaderMove(current, eligible);
      if (move == null) {
        break;
      }
      moves.add(move);
      apply(current, move);
    }
    return moves;
  }

  private static Move nextReplicaMove(List<Placed> shards, SortedSet<Integer> eligible) {
    Map<Integer, Integer> counts = counts(shards, eligible, false);
    for (int hi : byCount(counts, true)) {
      for (int lo : byCount(counts, false)) {
        if (counts.get(hi) - counts.get(lo) <= 1) {
          break;
        }
        // A replica it does not lead first: that move needs no change of leader.
        Placed pick = null;
        for (Placed p : shards) {
          if (p.shard().hasReplica(hi) && !p.shard().hasReplica(lo) && (pick == null || pick.shard().leader() == hi)) {
            pick = p;
          }
        }
        if (pick != null) {
          return replace(pick, hi, lo);
        }
      }
    }
    return null;
  }

  private static Move nextLeaderMove(List<Placed> shards, SortedSet<Integer> eligible) {
    Map<Integer, Integer> counts = counts(shards, eligible, true);
    for (int hi : byCount(counts, true)) {
      for (int lo : byCount(counts, false)) {
        if (counts.get(hi) - counts.get(lo) <= 1) {
          break;
        }
        for (Placed p : shards) {
          ShardMetadata s = p.shard();
          if (s.leader() == hi && s.inSyncReplicas().contains(lo)) {
            return new Move(p.stream(), s.shardId(), s.replicas(), s.replicas(), hi, lo);
          }
        }
      }
    }
    return null;
  }

  /** Replicas (or leaders) per eligible broker, every eligible broker present. */
  private static Map<Integer, Integer> counts(List<Placed> shards, SortedSet<Integer> eligible, boolean leaders) {
    Map<Integer, Integer> counts = new HashMap<>();
    eligible.forEach(b -> counts.put(b, 0));
    for (Placed p : shards) {
      List<Integer> counted = leaders ? List.of(p.shard().leader()) : p.shard().replicas();
      counted.stream().filter(counts::containsKey).forEach(b -> counts.merge(b, 1, Integer::sum));
    }
    return counts;
  }

  private static List<Integer> byCount(Map<Integer, Integer> counts, boolean descending) {
    Comparator<Integer> order = Comparator.comparingInt((Integer b) -> counts.get(b));
    return counts.keySet().stream()
        .sorted((descending ? order.reversed() : order).thenComparing(Comparator.naturalOrder())).toList();
  }

  /** {@code add} takes {@code remove}'s place in the replica order, and its leadership if it led. */
  private static Move replace(Placed placed, int remove, int add) {
    ShardMetadata s = placed.shard();
    List<Integer> to = new ArrayList<>(s.replicas());
    to.set(to.indexOf(remove), add);
    return new Move(placed.stream(), s.shardId(), s.replicas(), List.copyOf(to), s.leader(),
        s.leader() == remove ? add : s.leader());
  }

  /** The shard as it will be after {@code move}: moved-in replicas count as in sync. */
  private static void apply(List<Placed> shards, Move move) {
    for (int i = 0; i < shards.size(); i++) {
      Placed p = shards.get(i);
      if (p.stream().equals(move.stream()) && p.shard().shardId().equals(move.shardId())) {
        ShardMetadata s = p.shard();
        List<Integer> inSync = new ArrayList<>(s.inSyncReplicas());
        inSync.removeIf(b -> !move.toReplicas().contains(b));
        if (move.added() >= 0 && !inSync.contains(move.added())) {
          inSync.add(move.added());
        }
        ShardMetadata next = s.withReplicas(move.toReplicas(), inSync, s.coordinatorEpoch())
            .withLeader(move.toLeader(), s.leaderEpoch(), inSync, s.coordinatorEpoch());
        shards.set(i, new Placed(p.stream(), next));
        return;
      }
    }
  }
}

package io.tributary.coordinator;

import io.tributary.common.stream.ShardMetadata;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Chooses the replicas of new shards. Stateless.
 *
 * <p>Rule: each new shard's leader is the eligible broker leading the fewest shards, its followers the
 * distinct eligible brokers holding the fewest replicas, ties broken by the lower broker id. Counting
 * the shards just placed makes equal brokers take turns, so leaders and replicas spread evenly.
 */
final class ReplicaPlacement {
  private ReplicaPlacement() {}

  /** How many shards each broker leads and holds a replica of (absent means none). Mutable, for planning. */
  record Load(Map<Integer, Integer> leaders, Map<Integer, Integer> replicas) {
    static Load empty() {
      return new Load(new HashMap<>(), new HashMap<>());
    }

    /** The load of {@code shards} (open shards only: closed ones take no writes). */
    static Load of(Collection<ShardMetadata> shards) {
      Load load = empty();
      for (ShardMetadata shard : shards) {
        if (shard.open()) {
          load.add(shard.leader(), shard.replicas());
        }
      }
      return load;
    }

    int leaders(int broker) {
      return leaders.getOrDefault(broker, 0);
    }

    int replicas(int broker) {
      return replicas.getOrDefault(broker, 0);
    }

    void add(int leader, List<Integer> replicaList) {
      if (leader != ShardMetadata.NO_LEADER) {
        leaders.merge(leader, 1, Integer::sum);
      }
      replicaList.forEach(r -> replicas.merge(r, 1, Integer::sum));
    }
  }

  /**
   * Replica lists, leader first, for {@code count} new shards in shard order; {@code load} is
   * updated with them.
   *
   * @param brokers ids of the brokers that may take replicas (at least {@code replicationFactor})
   */
  static List<List<Integer>> place(Collection<Integer> brokers, Load load, int count, int replicationFactor) {
    if (replicationFactor < 1 || brokers.size() < replicationFactor) {
      throw new IllegalArgumentException("cannot place " + replicationFactor + " replicas on brokers " + brokers);
    }
    TreeSet<Integer> eligible = new TreeSet<>(brokers);
    List<List<Integer>> placed = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int leader = eligible.stream()
          .min(Comparator.comparingInt((Integer b) -> load.leaders(b)).thenComparing(byId())).orElseThrow();
      List<Integer> replicas = new ArrayList<>(replicationFactor);
      replicas.add(leader);
      eligible.stream().filter(b -> b != leader)
          .sorted(Comparator.comparingInt((Integer b) -> load.replicas(b)).thenComparing(byId()))
          .limit(replicationFactor - 1L)
          .forEach(replicas::add);
      load.add(leader, replicas);
      placed.add(List.copyOf(replicas));
    }
    return placed;
  }

  private static Comparator<Integer> byId() {
    return Comparator.naturalOrder();
  }

  /** A new shard's metadata with {@code replicas} (leader first), all in sync, under {@code term}. */
  static ShardMetadata shard(String shardId, String start, String end, List<String> parents, List<Integer> replicas,
      long coordinatorEpoch) {
    return new ShardMetadata(shardId, start, end, parents, ShardMetadata.OPEN, replicas.get(0), 0, replicas,
        replicas, -1, coordinatorEpoch);
  }
}

package io.tributary.coordinator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Chooses the leader broker of new shards. Stateless.
 *
 * <p>Rule: each new shard goes to the live broker that leads the fewest shards across all streams,
 * ties broken by the lower broker id; counting the shard just placed makes equal brokers take turns.
 */
final class ShardPlacement {
  private ShardPlacement() {}

  /**
   * Leaders for {@code count} new shards, in shard order.
   *
   * @param liveBrokers ids of the brokers that may lead (not empty)
   * @param ledShards how many shards each broker leads now; absent means none
   */
  static List<Integer> leaders(Collection<Integer> liveBrokers, Map<Integer, Integer> ledShards, int count) {
    if (liveBrokers.isEmpty()) {
      throw new IllegalArgumentException("no live brokers to place shards on");
    }
    // Entries are {load, brokerId}: least load first, then lowest id.
    PriorityQueue<int[]> brokers =
        new PriorityQueue<>(liveBrokers.size(), (a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
    for (int id : liveBrokers) {
      brokers.add(new int[] {ledShards.getOrDefault(id, 0), id});
    }
    List<Integer> leaders = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int[] next = brokers.poll();
      leaders.add(next[1]);
      next[0]++;
      brokers.add(next);
    }
    return leaders;
  }
}

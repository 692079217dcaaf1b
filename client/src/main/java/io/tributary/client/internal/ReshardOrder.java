package io.tributary.client.internal;

import io.tributary.proto.v1.ShardInfo;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Keeps a producer's per-key order across a reshard: a new shard's queue waits until every retired
 * queue whose hash range overlaps it has its request answered. Stateless. A record refused by a
 * sealed parent returns to the child queue's front, so nothing newer may leave that queue first.
 */
final class ReshardOrder {
  private ReshardOrder() {}

  /**
   * Sets {@link ShardQueue#heldBy} of each created queue to the retired queues (or the queues those
   * still wait for) with a request in flight whose range overlaps it.
   */
  static void hold(ShardMap previous, Collection<ShardQueue> retired, ShardMap next, List<ShardQueue> created) {
    List<ShardQueue> busy = new ArrayList<>();
    List<Optional<ShardInfo>> ranges = new ArrayList<>();
    for (ShardQueue r : retired) {
      if (r.inFlight) {
        busy.add(r);
        ranges.add(previous.shard(r.shardId));
      } else if (r.held()) {
        // it never sent after its own parents: its children inherit what it waited for
        for (ShardQueue ancestor : r.heldBy) {
          busy.add(ancestor);
          ranges.add(previous.shard(r.shardId));
        }
      }
    }
    if (busy.isEmpty()) {
      return;
    }
    for (ShardQueue q : created) {
      Optional<ShardInfo> shard = next.shard(q.shardId);
      List<ShardQueue> held = new ArrayList<>();
      for (int i = 0; i < busy.size(); i++) {
        if (overlap(ranges.get(i), shard)) {
          held.add(busy.get(i));
        }
      }
      q.heldBy = held.isEmpty() ? List.of() : held;
    }
  }

  /** Whether two shards' hash ranges overlap; an unknown shard is taken to overlap everything. */
  static boolean overlap(Optional<ShardInfo> a, Optional<ShardInfo> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return true;
    }
    return compare(start(a.get()), end(b.get())) <= 0 && compare(start(b.get()), end(a.get())) <= 0;
  }

  private static int compare(String x, String y) {
    return new BigInteger(x).compareTo(new BigInteger(y));
  }

  private static String start(ShardInfo s) {
    return s.getHashKeyRange().getStartingHashKey();
  }

  private static String end(ShardInfo s) {
    return s.getHashKeyRange().getEndingHashKey();
  }
}

package io.tributary.client.internal;

import io.tributary.common.error.TributaryException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A producer's shard queues under its current shard map: routes records by hash key, groups the
 * queues by leader broker, and re-routes when a new map retires shards. Confined to the producer's
 * sender thread. Queues of shards that stay open survive a map change, so their order and
 * in-flight state carry over.
 */
final class ShardRouter {
  private ShardMap map;
  private ShardQueue[] queues;
  private Map<String, ShardQueue> byId = new HashMap<>();
  private final Map<String, ArrayList<ShardQueue>> groups = new LinkedHashMap<>();
  private final List<ShardQueue> leaderless = new ArrayList<>();
  private final ArrayDeque<PendingRecord> unrouted = new ArrayDeque<>();

  ShardRouter(ShardMap map, long nowNanos) {
    apply(map, nowNanos);
  }

  /**
   * Queues a record on its shard, at the back or (for a retry) the front. Returns false when no
   * open shard with a known range holds its key; it then waits for the next map.
   */
  boolean route(PendingRecord r, long nowNanos, boolean front) {
    int i = map.route(r.hashHigh, r.hashLow);
    if (i < 0) {
      if (front) {
        unrouted.addFirst(r);
      } else {
        unrouted.addLast(r);
      }
      return false;
    }
    if (front) {
      queues[i].addFirst(r, nowNanos);
    } else {
      queues[i].addLast(r, nowNanos);
    }
    return true;
  }

  /** Switches to {@code next}; returns false when some records still have no shard. */
  boolean apply(ShardMap next, long nowNanos) {
    Map<String, ShardQueue> old = byId;
    ShardQueue[] fresh = new ShardQueue[next.openCount()];
    List<ShardQueue> created = new ArrayList<>();
    byId = new HashMap<>();
    for (int i = 0; i < fresh.length; i++) {
      ShardQueue q = old.remove(next.shardId(i));
      if (q == null) {
        q = new ShardQueue(next.shardId(i), nowNanos);
        created.add(q);
      }
      q.address = next.leader(i);
      q.awaitingMap = false;
      fresh[i] = q;
      byId.put(q.shardId, q);
    }
    if (map != null) {
      ReshardOrder.hold(map, old.values(), next, created);
    }
    map = next;
    queues = fresh;
    regroup();
    ArrayDeque<PendingRecord> moving = new ArrayDeque<>();
    for (ShardQueue q : old.values()) {
      q.retired = true;
      moving.addAll(q.records());
      q.clear();
    }
    moving.addAll(unrouted);
    unrouted.clear();
    boolean allRouted = true;
    for (PendingRecord r : moving) {
      allRouted &= route(r, nowNanos, false);
    }
    return allRouted;
  }

  private void regroup() {
    groups.clear();
    leaderless.clear();
    for (ShardQueue q : queues) {
      if (q.address == null) {
        leaderless.add(q);
      } else {
        groups.computeIfAbsent(q.address, a -> new ArrayList<>()).add(q);
      }
    }
  }

  /** After a failed map reload: queues waiting for it retry with what they have. */
  void stopAwaitingMap() {
    for (ShardQueue q : queues) {
      q.awaitingMap = false;
    }
  }

  /** The open shards with a leader, by leader address. */
  Map<String, ArrayList<ShardQueue>> groups() {
    return groups;
  }

  /** Whether records wait for a shard or for a shard's leader: a new map is needed. */
  boolean needsMap() {
    if (!unrouted.isEmpty()) {
      return true;
    }
    for (ShardQueue q : leaderless) {
      if (!q.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Fails queued records whose deadline passed; returns how many.
   *
   * @param given told of each failed record that was sent before, whose outcome is unknown
   */
  int expire(long nowMillis, Function<ShardQueue, TributaryException> error, Consumer<PendingRecord> given) {
    int expired = 0;
    for (ShardQueue q : queues) {
      if (q.inFlight) {
        continue;
      }
      PendingRecord r;
      while ((r = q.peek()) != null && r.deadlineMillis - nowMillis <= 0) {
        q.poll().completeExceptionally(error.apply(q));
        expired++;
        if (r.mayBeWritten()) {
          given.accept(r);
        }
      }
    }
    PendingRecord r;
    while ((r = unrouted.peekFirst()) != null && r.deadlineMillis - nowMillis <= 0) {
      unrouted.pollFirst().completeExceptionally(error.apply(null));
      expired++;
    }
    return expired;
  }

  /** Adds every queued record's future to {@code into}. */
  void collect(List<CompletableFuture<?>> into) {
    for (ShardQueue q : queues) {
      into.addAll(q.records());
    }
    into.addAll(unrouted);
  }

  /** Fails every queued record; returns how many. */
  int failAll(TributaryException error) {
    int failed = 0;
    for (ShardQueue q : queues) {
      for (PendingRecord r : q.records()) {
        r.completeExceptionally(error);
      }
      failed += q.size();
      q.clear();
    }
    for (PendingRecord r : unrouted) {
      r.completeExceptionally(error);
    }
    failed += unrouted.size();
    unrouted.clear();
    return failed;
  }
}

package io.tributary.broker.replication;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;

/**
 * The acks=all writes of one leader waiting for the high watermark, ordered by the point they need,
 * with the deadline each must be answered by. Confined to its {@link LeaderReplica}'s lock; the
 * futures it hands back are completed by the caller after releasing that lock.
 */
final class CommitWaiters {
  private final long timeoutNanos;
  private final PriorityQueue<Waiter> waiting =
      new PriorityQueue<>((a, b) -> Long.compare(a.endExclusive(), b.endExclusive()));

  CommitWaiters(long timeoutNanos) {
    this.timeoutNanos = timeoutNanos;
  }

  CompletableFuture<Void> add(long endExclusive, long nowNanos) {
    CompletableFuture<Void> future = new CompletableFuture<>();
    waiting.add(new Waiter(endExclusive, nowNanos + timeoutNanos, future));
    return future;
  }

  /** Removes and returns the writes committed once the high watermark is {@code highWatermark}. */
  List<CompletableFuture<Void>> completedBy(long highWatermark) {
    if (waiting.isEmpty() || waiting.peek().endExclusive() > highWatermark) {
      return List.of();
    }
    List<CompletableFuture<Void>> done = new ArrayList<>();
    while (!waiting.isEmpty() && waiting.peek().endExclusive() <= highWatermark) {
      done.add(waiting.poll().future());
    }
    return done;
  }

  /** Removes and returns the writes whose deadline passed. */
  List<CompletableFuture<Void>> expired(long nowNanos) {
    List<CompletableFuture<Void>> expired = new ArrayList<>();
    for (Iterator<Waiter> it = waiting.iterator(); it.hasNext(); ) {
      Waiter waiter = it.next();
      if (nowNanos - waiter.deadlineNanos() >= 0) {
        expired.add(waiter.future());
        it.remove();
      }
    }
    return expired;
  }

  List<CompletableFuture<Void>> drain() {
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (Waiter waiter : waiting) {
      all.add(waiter.future());
    }
    waiting.clear();
    return all;
  }

  private record Waiter(long endExclusive, long deadlineNanos, CompletableFuture<Void> future) {}
}

package io.tributary.client.internal;

import io.tributary.common.error.TributaryException;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The records waiting for one shard, in send order, and the shard's sending state: its leader, the
 * request in flight (at most one, so that retries never reorder the shard), and its back-off.
 * Confined to the producer's sender thread.
 */
final class ShardQueue {
  final String shardId;
  /** Leader broker address, or null while the shard has none. */
  String address;
  /** Set when the shard is no longer open in the map; its records are routed anew. */
  boolean retired;
  boolean inFlight;
  /** Set when a broker said the shard moved; the queue waits for the reloaded map. */
  boolean awaitingMap;
  /**
   * Retired queues of shards whose range overlaps this one's, with a request still in flight: this
   * queue waits for their answers, since records they could not write come back to it first.
   */
  List<ShardQueue> heldBy = List.of();
  long notBeforeNanos;
  int attempts;
  TributaryException lastError;
  /** The producer id the shard's numbering runs under, and the next producer sequence under it. */
  private long sequenceOwner;
  private long nextSequence;
  private final ArrayDeque<PendingRecord> records = new ArrayDeque<>();
  private long bytes;
  private long firstNanos;

  ShardQueue(String shardId, long nowNanos) {
    this.shardId = shardId;
    this.notBeforeNanos = nowNanos;
  }

  void addLast(PendingRecord r, long nowNanos) {
    if (records.isEmpty()) {
      firstNanos = nowNanos;
    }
    records.addLast(r);
    bytes += r.size;
  }

  /** Puts a record back in front, for a retry that keeps the shard's order. */
  void addFirst(PendingRecord r, long nowNanos) {
    if (records.isEmpty()) {
      firstNanos = nowNanos;
    }
    records.addFirst(r);
    bytes += r.size;
  }

  PendingRecord peek() {
    return records.peekFirst();
  }

  PendingRecord poll() {
    PendingRecord r = records.pollFirst();
    if (r != null) {
      bytes -= r.size;
    }
    return r;
  }

  int size() {
    return records.size();
  }

  boolean isEmpty() {
    return records.isEmpty();
  }

  long bytes() {
    return bytes;
  }

  /** When the oldest queued record arrived in this queue (System.nanoTime). */
  long firstNanos() {
    return firstNanos;
  }

  /** Whether a request can take this queue's records now. */
  boolean sendable(long nowNanos) {
    return !inFlight && !awaitingMap && address != null && !records.isEmpty() && nowNanos - notBeforeNanos >= 0
        && !held();
  }

  /** Whether a retired ancestor's request is still unanswered. */
  boolean held() {
    if (heldBy.isEmpty()) {
      return false;
    }
    for (ShardQueue q : heldBy) {
      if (q.inFlight) {
        return true;
      }
    }
    heldBy = List.of();
    return false;
  }

  /**
   * Gives {@code r} its producer sequence in this shard unless it has one here under
   * {@code producerId} already: a retry keeps its number, a re-routed record gets a new one.
   * Numbering as records leave, in queue order, keeps the shard's sequence free of gaps even when
   * re-routed records are put in front of ones that arrived later.
   */
  void number(PendingRecord r, long producerId) {
    if (sequenceOwner != producerId) {
      sequenceOwner = producerId;
      nextSequence = 1;
    }
    if (r.numberedIn != this || r.numberedUnder != producerId) {
      r.numberedIn = this;
      r.numberedUnder = producerId;
      r.producerSequence = nextSequence++;
    }
  }

  ArrayDeque<PendingRecord> records() {
    return records;
  }

  void clear() {
    records.clear();
    bytes = 0;
  }
}

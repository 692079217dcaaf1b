package io.tributary.worker.connectors;

import io.tributary.client.TributaryClient;
import io.tributary.common.error.Errors;
import io.tributary.proto.v1.ShardInfo;
import io.tributary.proto.v1.ShardState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Where a bounded stream source subtask stops: for each shard it owned when it first opened, the
 * sequence number of the shard's last record then ({@link #EMPTY} for an empty shard; a closed
 * shard is read to its end). Shards created later are not read. Kept in checkpoints as {@link
 * ShardEnd} entries of the source's union state, so a restart (also at another parallelism) stops
 * at the same records. Confined to the subtask's thread.
 */
final class ShardBounds {
  static final long EMPTY = -1;
  private static final long TO_THE_END = Long.MAX_VALUE;
  /** How long the shards' sequence ranges may stay unknown (leaders moving) before the reader fails. */
  private static final long RANGE_WAIT_MS = 30_000;
  private static final long RANGE_RETRY_MS = 200;

  /** A checkpointed bound: the last sequence number of {@code shardId} to read. */
  record ShardEnd(String shardId, long lastSequence) {}

  private final TributaryClient client;
  private final String stream;
  private final int subtask;
  private final int parallelism;
  private final Clock clock;
  private final Map<String, Long> last = new HashMap<>();

  ShardBounds(TributaryClient client, String stream, int subtask, int parallelism, Clock clock) {
    this.client = client;
    this.stream = stream;
    this.subtask = subtask;
    this.parallelism = parallelism;
    this.clock = clock;
  }

  /**
   * Takes the owned shards' bounds from restored state, or, when it holds none (a fresh start),
   * notes them from the stream now.
   */
  void restoreOrRecord(List<Object> restored) {
    boolean any = false;
    for (Object entry : restored) {
      if (entry instanceof ShardEnd end) {
        any = true;
        if (ShardOwnership.owns(end.shardId(), subtask, parallelism)) {
          last.put(end.shardId(), end.lastSequence());
        }
      }
    }
    if (!any) {
      record();
    }
  }

  private void record() {
    long deadline = clock.millis() + RANGE_WAIT_MS;
    while (true) {
      List<ShardInfo> unknown = new ArrayList<>();
      for (ShardInfo shard : client.describeStream(stream, true).getShardsList()) {
        if (!ShardOwnership.owns(shard.getShardId(), subtask, parallelism)) {
          continue;
        }
        if (shard.getState() == ShardState.CLOSED) {
          last.put(shard.getShardId(), TO_THE_END);
        } else if (shard.getSequenceRangeKnown()) {
          long end = shard.getNextSequenceNumber() - 1;
          last.put(shard.getShardId(), end < shard.getFirstSequenceNumber() ? EMPTY : end);
        } else {
          unknown.add(shard);
        }
      }
      if (unknown.isEmpty()) {
        return;
      }
      if (clock.millis() >= deadline) {
        throw Errors.unavailable("the latest sequence numbers of shards " + unknown.stream().map(ShardInfo::getShardId)
            .toList() + " of stream '" + stream + "' stayed unknown for " + RANGE_WAIT_MS
            + " ms (no live leader broker), so a bounded read cannot tell where to stop; start their brokers");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(RANGE_RETRY_MS));
      if (Thread.currentThread().isInterrupted()) {
        throw Errors.unavailable("interrupted while waiting for the sequence ranges of stream '" + stream + "'");
      }
    }
  }

  /** The last sequence number of the shard to read. */
  long lastOf(String shardId) {
    return last.getOrDefault(shardId, EMPTY);
  }

  /** Whether nothing of the shard is left to read, having emitted up to {@code lastEmitted} (-1: none). */
  boolean nothingLeft(String shardId, long lastEmitted) {
    Long end = last.get(shardId);
    return end == null || end == EMPTY || (lastEmitted >= 0 && lastEmitted >= end);
  }

  /** Whether every bounded shard was read to its bound. */
  boolean allDone(Set<String> finished) {
    return finished.containsAll(last.keySet());
  }

  List<ShardEnd> snapshot() {
    List<ShardEnd> ends = new ArrayList<>(last.size());
    last.forEach((shard, end) -> ends.add(new ShardEnd(shard, end)));
    return ends;
  }
}

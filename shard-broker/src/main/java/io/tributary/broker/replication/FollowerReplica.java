package io.tributary.broker.replication;

import io.tributary.broker.ReplicaRecord;
import io.tributary.broker.ReplicaRecords;
import io.tributary.broker.ShardLog;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.proto.v1.ShardFetch;
import io.tributary.proto.v1.ShardFetched;
import java.util.List;

/**
 * The follower side of one shard's replication under one leader epoch: what to ask the leader for,
 * and how to apply its answer (append the records unchanged, truncate a diverging tail, start over
 * past the leader's trim horizon). Pure logic over a {@link ShardLog}, no I/O. Confined to the
 * fetcher thread that owns it (and the simulation's step); {@link #highWatermark()} may be read
 * from any thread.
 */
public final class FollowerReplica {
  /** What applying an answer means for the fetcher. */
  public enum Outcome {
    /** Records were appended (or the log was truncated/reset): fetch again at once. */
    PROGRESSED,
    /** Nothing new: the next fetch may wait at the leader. */
    CAUGHT_UP,
    /** The leader answered with an error (StaleEpoch, NotShardOwner...): wait for new metadata. */
    REFUSED
  }

  private final String name;
  private final ShardMetadata metadata;
  private final String streamUid;
  private final ShardLog log;
  private volatile long highWatermark;

  /**
   * @param name the stream's name
   * @param self this broker's id (a follower of {@code metadata.leader()})
   */
  public FollowerReplica(String name, int self, ShardMetadata metadata, String streamUid, ShardLog log) {
    if (metadata.leader() == self) {
      throw new IllegalArgumentException("broker " + self + " leads stream '" + name + "' shard "
          + metadata.shardId() + " under epoch " + metadata.leaderEpoch() + "; it cannot follow it");
    }
    this.name = name;
    this.metadata = metadata;
    this.streamUid = streamUid;
    this.log = log;
  }

  /** The next request: this epoch, the log's end, the epoch of its newest record. */
  public ShardFetch nextFetch() {
    return ShardFetch.newBuilder()
        .setStream(name)
        .setStreamUid(streamUid)
        .setShardId(metadata.shardId())
        .setLeaderEpoch(metadata.leaderEpoch())
        .setFetchFrom(log.nextSequenceNumber())
        .setLastEpoch(log.latestEpoch())
        .build();
  }

  /**
   * Applies the leader's answer to the latest {@link #nextFetch()}. An answer to an earlier request
   * (abandoned after its deadline) must not be applied: its records or divergence point are stale.
   *
   * @throws IllegalArgumentException if the answer's records do not continue this log
   */
  public Outcome apply(ShardFetched answer) {
    if (answer.hasError()) {
      return Outcome.REFUSED;
    }
    if (answer.getDiverging()) {
      truncate(answer.getDivergingEpoch(), answer.getDivergingEnd());
      return Outcome.PROGRESSED;
    }
    if (answer.getOutOfRange()) {
      log.resetTo(answer.getLogStart());
      return Outcome.PROGRESSED;
    }
    List<ReplicaRecord> records = answer.getRecordCount() == 0 ? List.of() : ReplicaRecords.parse(answer.getRecords());
    if (!records.isEmpty()) {
      log.appendCopies(records);
    }
    highWatermark = Math.max(highWatermark, Math.min(answer.getHighWatermark(), log.nextSequenceNumber()));
    return records.isEmpty() ? Outcome.CAUGHT_UP : Outcome.PROGRESSED;
  }

  /** The leader's high watermark as last heard (capped at this log's end); a new leader starts from it. */
  public long highWatermark() {
    return highWatermark;
  }

  public ShardMetadata metadata() {
    return metadata;
  }

  /**
   * Drops the tail the leader does not hold: from the end of {@code epoch} in whichever log ends it
   * first. Below this log's start nothing of it is shared, so the log starts over there.
   */
  private void truncate(long epoch, long leaderEnd) {
    long target = Math.min(leaderEnd, log.epochEnd(epoch).endSequenceNumber());
    if (target < log.firstSequenceNumber()) {
      log.resetTo(target);
    } else {
      log.truncateTo(target);
    }
    highWatermark = Math.min(highWatermark, log.nextSequenceNumber());
  }
}

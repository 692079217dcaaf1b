package io.tributary.broker.internal;

import io.tributary.broker.ShardLog;
import io.tributary.broker.StreamRef;
import io.tributary.broker.replication.FollowerReplica;
import io.tributary.common.stream.ShardMetadata;
import io.tributary.proto.v1.ShardFetch;
import io.tributary.proto.v1.ShardFetched;

/**
 * A shard this broker follows under one leader epoch: its log and the follower replica feeding it.
 * Thread-safe: the fetcher thread asks and applies under the shard's monitor, and the assignment
 * thread closes it under the same monitor, so that the log is never closed while an answer is
 * being applied, and an answer that arrives after the close is dropped.
 */
final class FollowedShard {
  private final StreamRef stream;
  private final ShardMetadata metadata;
  private final String name;
  private final ShardLog log;
  private final FollowerReplica replica;
  private boolean closed;

  FollowedShard(int self, StreamRef stream, ShardMetadata metadata, ShardLog log) {
    this.stream = stream;
    this.metadata = metadata;
    this.name = "shard " + metadata.shardId() + " of stream '" + stream.name() + "'";
    this.log = log;
    this.replica = new FollowerReplica(stream.name(), self, metadata, stream.uid(), log);
  }

  StreamRef stream() {
    return stream;
  }

  String shardId() {
    return metadata.shardId();
  }

  String name() {
    return name;
  }

  int leader() {
    return metadata.leader();
  }

  long leaderEpoch() {
    return metadata.leaderEpoch();
  }

  /** The request for this shard, or null once closed. */
  synchronized ShardFetch nextFetch() {
    return closed ? null : replica.nextFetch();
  }

  /** Applies the leader's answer; REFUSED once closed. */
  synchronized FollowerReplica.Outcome apply(ShardFetched answer) {
    return closed ? FollowerReplica.Outcome.REFUSED : replica.apply(answer);
  }

  /** The leader's high watermark as last heard: where this broker's committed point starts if it leads next. */
  synchronized long highWatermark() {
    return replica.highWatermark();
  }

  /** Log end, for stats and logs. */
  long logEnd() {
    return log.nextSequenceNumber();
  }

  /** Stops following and closes the log; the records stay. Idempotent. */
  synchronized void close() {
    if (!closed) {
      closed = true;
      log.close();
    }
  }
}

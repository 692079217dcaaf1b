package io.tributary.cli.consumer;

import io.tributary.proto.v1.ShardInfo;
import io.tributary.proto.v1.ShardState;
import io.tributary.proto.v1.StreamDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a consumer application stands on one shard: who holds its lease, its checkpoint, and how
 * many readable records lie after that checkpoint. Immutable.
 *
 * @param owner the instance holding the lease, or null when none does
 * @param checkpoint a sequence number, {@link #SHARD_END}, or null before the first checkpoint
 * @param lag records after the checkpoint, or null when the shard's leader did not answer
 */
record ShardProgress(String shard, ShardState state, String owner, String checkpoint, Long lag) {
  static final String SHARD_END = "SHARD_END";

  /** One entry per shard of {@code d}, in its order. */
  static List<ShardProgress> of(StreamDescription d, ApplicationState.Snapshot app) {
    List<ShardProgress> progress = new ArrayList<>();
    for (ShardInfo s : d.getShardsList()) {
      String checkpoint = app.checkpoints().get(s.getShardId());
      progress.add(new ShardProgress(s.getShardId(), s.getState(), app.leases().get(s.getShardId()), checkpoint,
          lag(s, checkpoint)));
    }
    return progress;
  }

  static Long lag(ShardInfo s, String checkpoint) {
    if (SHARD_END.equals(checkpoint)) {
      return 0L;
    }
    if (!s.getSequenceRangeKnown()) {
      return null;
    }
    long firstUnprocessed = s.getFirstSequenceNumber();
    if (checkpoint != null) {
      try {
        firstUnprocessed = Math.max(firstUnprocessed, Long.parseLong(checkpoint) + 1);
      } catch (NumberFormatException e) {
        return null; // not written by an application of this version; shown as it is, without a lag
      }
    }
    return Math.max(0, s.getNextSequenceNumber() - firstUnprocessed);
  }

  /** The total lag, or null when a shard's is unknown. */
  static Long total(List<ShardProgress> shards) {
    long sum = 0;
    for (ShardProgress p : shards) {
      if (p.lag() == null) {
        return null;
      }
      sum += p.lag();
    }
    return sum;
  }
}

package io.tributary.cli.stream;

import io.tributary.client.ReceivedRecord;
import io.tributary.proto.v1.ShardInfo;
import io.tributary.proto.v1.StreamDescription;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The last sequence number of each shard when a read began, so that a read of "everything so far"
 * ends even while producers keep writing. Confined to the reading thread.
 */
public final class EndMarks {
  private final Map<String, Long> lastToSee;
  private final boolean usable;

  private EndMarks(Map<String, Long> lastToSee) {
    this.lastToSee = lastToSee;
    this.usable = !lastToSee.isEmpty();
  }

  /** Marks for the shards of {@code d} (only {@code shardId} when it is not null) with a known range. */
  public static EndMarks of(StreamDescription d, String shardId) {
    Map<String, Long> marks = new HashMap<>();
    for (ShardInfo s : d.getShardsList()) {
      boolean wanted = shardId == null || shardId.equals(s.getShardId());
      if (wanted && s.getSequenceRangeKnown() && s.getNextSequenceNumber() > s.getFirstSequenceNumber()) {
        marks.put(s.getShardId(), s.getNextSequenceNumber() - 1);
      }
    }
    return new EndMarks(marks);
  }

  public void seen(List<ReceivedRecord> records) {
    if (lastToSee.isEmpty()) {
      return;
    }
    for (ReceivedRecord r : records) {
      Long last = lastToSee.get(r.shardId());
      if (last != null && r.sequenceNumber() >= last) {
        lastToSee.remove(r.shardId());
      }
    }
  }

  /** True once every shard that had records at the start has been read up to its mark. */
  public boolean reached() {
    return usable && lastToSee.isEmpty();
  }
}

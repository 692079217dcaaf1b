package io.tributary.client.internal;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.HashKey;
import io.tributary.proto.v1.ShardInfo;
import io.tributary.proto.v1.ShardState;
import io.tributary.proto.v1.StreamDescription;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stream's shards as one DescribeStream answer showed them: every shard by id, and the open
 * shards sorted by starting hash key for routing. Immutable. Routing is a binary search over
 * primitive arrays, so the hot path neither allocates nor touches BigInteger.
 */
public final class ShardMap {
  private final StreamDescription description;
  private final Map<String, ShardInfo> byId;
  private final long[] startHigh;
  private final long[] startLow;
  private final long[] endHigh;
  private final long[] endLow;
  private final String[] openIds;
  private final String[] leaders;

  private ShardMap(StreamDescription description, List<OpenShard> open) {
    this.description = description;
    this.byId = new HashMap<>();
    description.getShardsList().forEach(s -> byId.put(s.getShardId(), s));
    int n = open.size();
    startHigh = new long[n];
    startLow = new long[n];
    endHigh = new long[n];
    endLow = new long[n];
    openIds = new String[n];
    leaders = new String[n];
    for (int i = 0; i < n; i++) {
      OpenShard s = open.get(i);
      startHigh[i] = s.start.high();
      startLow[i] = s.start.low();
      endHigh[i] = s.end.high();
      endLow[i] = s.end.low();
      openIds[i] = s.info.getShardId();
      leaders[i] = s.info.getLeaderAddress().isEmpty() ? null : s.info.getLeaderAddress();
    }
  }

  public static ShardMap of(StreamDescription description) {
    List<OpenShard> open = new ArrayList<>();
    for (ShardInfo s : description.getShardsList()) {
      if (s.getState() != ShardState.CLOSED) {
        open.add(new OpenShard(
            s, parse(s, s.getHashKeyRange().getStartingHashKey()), parse(s, s.getHashKeyRange().getEndingHashKey())));
      }
    }
    open.sort(Comparator.comparing(OpenShard::start));
    return new ShardMap(description, open);
  }

  public String stream() {
    return description.getName();
  }

  public StreamDescription description() {
    return description;
  }

  /** Index of the open shard whose range holds the key, or -1 when no open shard does. */
  public int route(long high, long low) {
    int lo = 0;
    int hi = startHigh.length - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (compare(startHigh[mid], startLow[mid], high, low) <= 0) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found >= 0 && compare(high, low, endHigh[found], endLow[found]) <= 0 ? found : -1;
  }

  public int route(HashKey key) {
    return route(key.high(), key.low());
  }

  public int openCount() {
    return openIds.length;
  }

  public String shardId(int index) {
    return openIds[index];
  }

  /** The address of the open shard's leader broker, or null while it has no live leader. */
  public String leader(int index) {
    return leaders[index];
  }

  /** Any shard of the stream, open or closed. */
  public Optional<ShardInfo> shard(String shardId) {
    return Optional.ofNullable(byId.get(shardId));
  }

  /** Every shard of the stream, open and closed, in the coordinator's order. */
  public List<ShardInfo> shards() {
    return description.getShardsList();
  }

  private static int compare(long aHigh, long aLow, long bHigh, long bLow) {
    int c = Long.compareUnsigned(aHigh, bHigh);
    return c != 0 ? c : Long.compareUnsigned(aLow, bLow);
  }

  private record OpenShard(ShardInfo info, HashKey start, HashKey end) {}

  private static HashKey parse(ShardInfo shard, String decimal) {
    try {
      return HashKey.of(new BigInteger(decimal));
    } catch (IllegalArgumentException e) {
      throw new TributaryException(
          ErrorCode.INTERNAL,
          "the coordinator described shard '" + shard.getShardId() + "' with a malformed hash key '" + decimal
              + "'; this is a bug in the coordinator",
          e);
    }
  }
}

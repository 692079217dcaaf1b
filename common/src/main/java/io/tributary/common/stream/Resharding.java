package io.tributary.common.stream;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Hash-range arithmetic of resharding: split a range at a key, merge two adjacent ranges, and plan
 * a stream's scaling to N uniform ranges with each new range's parents. Stateless.
 *
 * <p>Kept apart from the coordinator so that the cover invariant (the open shards partition the
 * 128-bit key space exactly) is proven once, by property tests, for every writer of shard ranges.
 */
public final class Resharding {
  private Resharding() {}

  /** One range of a scale plan and the old shards whose ranges overlap it, by ascending range. */
  public record PlannedRange(HashKeyRange range, List<String> parentShardIds) {
    public PlannedRange {
      parentShardIds = List.copyOf(parentShardIds);
    }
  }

  /** Whether {@code at} may start the second child of a split: {@code start < at <= end}. */
  public static boolean canSplitAt(HashKeyRange range, HashKey at) {
    return range.start().compareTo(at) < 0 && at.compareTo(range.end()) <= 0;
  }

  /** Whether the range holds at least two keys, so that some split of it exists. */
  public static boolean splittable(HashKeyRange range) {
    return range.start().compareTo(range.end()) < 0;
  }

  /** The default split key: the first key of the upper half (for a range of two keys, its end). */
  public static HashKey middle(HashKeyRange range) {
    if (!splittable(range)) {
      throw new IllegalArgumentException("a range of one key cannot be split: " + range);
    }
    BigInteger start = range.start().toBigInteger();
    BigInteger size = range.end().toBigInteger().subtract(start).add(BigInteger.ONE);
    return HashKey.of(start.add(size.shiftRight(1)));
  }

  /** The two children of a split: [start, at - 1] and [at, end]. */
  public static List<HashKeyRange> split(HashKeyRange range, HashKey at) {
    if (!canSplitAt(range, at)) {
      throw new IllegalArgumentException("split key " + at + " is not strictly inside " + range);
    }
    HashKey lastOfFirst = HashKey.of(at.toBigInteger().subtract(BigInteger.ONE));
    return List.of(new HashKeyRange(range.start(), lastOfFirst), new HashKeyRange(at, range.end()));
  }

  /** Whether the two ranges touch, one ending right before the other starts (either order). */
  public static boolean adjacent(HashKeyRange a, HashKeyRange b) {
    return follows(a, b) || follows(b, a);
  }

  /** The range covering two adjacent ranges, given in either order. */
  public static HashKeyRange merge(HashKeyRange a, HashKeyRange b) {
    if (follows(a, b)) {
      return new HashKeyRange(a.start(), b.end());
    }
    if (follows(b, a)) {
      return new HashKeyRange(b.start(), a.end());
    }
    throw new IllegalArgumentException("ranges are not adjacent: " + a + " and " + b);
  }

  /**
   * N uniform ranges replacing {@code open} (shard id to range, an exact cover of the key space),
   * each with the ids of the open ranges that overlap it.
   */
  public static List<PlannedRange> scale(Map<String, HashKeyRange> open, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("a stream needs at least one shard, not " + n);
    }
    List<Map.Entry<String, HashKeyRange>> old = new ArrayList<>(open.entrySet());
    old.sort(Comparator.comparing(e -> e.getValue().start()));
    List<PlannedRange> plan = new ArrayList<>(n);
    int first = 0; // the first old range that can still overlap the next new range
    for (HashKeyRange range : HashKeyRange.uniform(n)) {
      while (first < old.size() && old.get(first).getValue().end().compareTo(range.start()) < 0) {
        first++;
      }
      List<String> parents = new ArrayList<>();
      for (int i = first; i < old.size() && old.get(i).getValue().start().compareTo(range.end()) <= 0; i++) {
        parents.add(old.get(i).getKey());
      }
      plan.add(new PlannedRange(range, parents));
    }
    return plan;
  }

  /** Whether two ranges share at least one key. */
  public static boolean overlap(HashKeyRange a, HashKeyRange b) {
    return a.start().compareTo(b.end()) <= 0 && b.start().compareTo(a.end()) <= 0;
  }

  private static boolean follows(HashKeyRange first, HashKeyRange second) {
    return !first.end().equals(HashKey.MAX)
        && HashKey.of(first.end().toBigInteger().add(BigInteger.ONE)).equals(second.start());
  }
}

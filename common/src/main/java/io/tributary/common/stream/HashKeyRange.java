package io.tributary.common.stream;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** An inclusive range of hash keys owned by one shard. Immutable. */
public record HashKeyRange(HashKey start, HashKey end) {
  public HashKeyRange {
    if (start.compareTo(end) > 0) {
      throw new IllegalArgumentException("hash key range starts after it ends: " + start + " > " + end);
    }
  }

  public boolean contains(HashKey key) {
    return start.compareTo(key) <= 0 && key.compareTo(end) <= 0;
  }

  /** Splits the whole key space into {@code n} contiguous ranges of (nearly) equal size. */
  public static List<HashKeyRange> uniform(int n) {
    BigInteger size = HashKey.MAX_VALUE.add(BigInteger.ONE);
    List<HashKeyRange> ranges = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      BigInteger from = size.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(n));
      BigInteger to = size.multiply(BigInteger.valueOf(i + 1L)).divide(BigInteger.valueOf(n)).subtract(BigInteger.ONE);
      ranges.add(new HashKeyRange(HashKey.of(from), HashKey.of(to)));
    }
    return ranges;
  }
}

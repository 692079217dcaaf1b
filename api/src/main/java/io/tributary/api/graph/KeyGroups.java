package io.tributary.api.graph;

/**
 * Maps keys to key groups and key groups to subtasks. Keys hash into {@code maxParallelism} groups;
 * subtask i of p owns a contiguous range, so that rescaling moves whole groups of state.
 */
public final class KeyGroups {
  public static final int DEFAULT_MAX_PARALLELISM = 128;

  private KeyGroups() {}

  public static int keyGroupFor(Object key, int maxParallelism) {
    if (key == null) {
      throw new IllegalArgumentException("a key selector returned null; keys must not be null");
    }
    return Math.floorMod(mix(key.hashCode()), maxParallelism);
  }

  public static int subtaskFor(int keyGroup, int maxParallelism, int parallelism) {
    return keyGroup * parallelism / maxParallelism;
  }

  public static int subtaskForKey(Object key, int maxParallelism, int parallelism) {
    return subtaskFor(keyGroupFor(key, maxParallelism), maxParallelism, parallelism);
  }

  /** The key groups subtask {@code index} of {@code parallelism} owns; the inverse of {@link #subtaskFor}. */
  public static KeyGroupRange rangeFor(int maxParallelism, int parallelism, int index) {
    int start = (index * maxParallelism + parallelism - 1) / parallelism;
    int end = ((index + 1) * maxParallelism + parallelism - 1) / parallelism - 1;
    return new KeyGroupRange(start, end);
  }

  /** Murmur3's finalizer: spreads poor hash codes (small integers, similar strings) over the groups. */
  static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }
}

package io.tributary.api.sources;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One subtask's share of an index space 0..last, cut into {@value #COUNT} fixed splits (split j holds
 * the indices j, j + COUNT, j + 2 COUNT, ...). Subtask s of p owns the splits j with j mod p = s and
 * hands out their indices round-robin, so a parallelism dividing COUNT reads s, s + p, s + 2p, ...
 * The per-split counts are the checkpointed position: fixed splits let a job restore exactly at any
 * parallelism. Confined to the subtask's thread.
 */
final class IndexSplits {
  static final int COUNT = 128;

  private final long last;
  private final int[] splits;
  private final long[] emitted;
  private int active;
  private int cursor;

  /**
   * @param last the highest index, compared unsigned (the sequence of every long has 2^64 indices)
   * @param empty true when the space has no index at all
   * @param restored the source's restored union state: empty on a fresh start; otherwise a split
   *     without a position belonged to a subtask that had finished, so it is done
   */
  IndexSplits(int subtask, int parallelism, long last, boolean empty, List<Object> restored) {
    this.last = last;
    int owned = subtask < COUNT ? (COUNT - 1 - subtask) / parallelism + 1 : 0;
    this.splits = new int[owned];
    this.emitted = new long[owned];
    long[] positions = positions(restored);
    for (int i = 0; i < owned; i++) {
      splits[i] = subtask + i * parallelism;
      emitted[i] = positions == null ? 0 : positions[splits[i]];
    }
    this.active = owned;
    if (empty) {
      active = 0;
    }
    compact();
    cursor = laggingSplit();
  }

  boolean hasNext() {
    return active > 0;
  }

  /** The next index; call only when {@link #hasNext()}. */
  long next() {
    if (cursor >= active) {
      cursor = 0;
    }
    int i = cursor;
    long index = indexOf(splits[i], emitted[i]);
    emitted[i]++;
    if (!exists(splits[i], emitted[i])) {
      remove(i);
    } else {
      cursor++;
    }
    return index;
  }

  /** A position per owned split, finished ones included, so a restore knows they are done. */
  List<Object> snapshot() {
    List<Object> positions = new ArrayList<>(splits.length);
    for (int i = 0; i < splits.length; i++) {
      positions.add(new SplitPosition(splits[i], emitted[i]));
    }
    return positions;
  }

  /**
   * The first active split with the fewest records emitted: where round-robin was when the position
   * was snapshotted, so a restore at the same parallelism continues in the same order.
   */
  private int laggingSplit() {
    int lagging = 0;
    for (int i = 1; i < active; i++) {
      if (emitted[i] < emitted[lagging]) {
        lagging = i;
      }
    }
    return lagging;
  }

  private static long indexOf(int split, long emitted) {
    return split + emitted * COUNT;
  }

  private boolean exists(int split, long emitted) {
    long index = indexOf(split, emitted);
    return emitted < (1L << 57) && Long.compareUnsigned(index, last) <= 0;
  }

  /** Moves splits with nothing left behind the active ones (keeping split order among the active). */
  private void compact() {
    int kept = 0;
    int[] order = new int[splits.length];
    int tail = splits.length;
    for (int i = 0; i < splits.length; i++) {
      if (i < active && exists(splits[i], emitted[i])) {
        order[kept++] = i;
      } else {
        order[--tail] = i;
      }
    }
    reorder(order);
    active = kept;
  }

  private void remove(int i) {
    int split = splits[i];
    long count = emitted[i];
    System.arraycopy(splits, i + 1, splits, i, splits.length - i - 1);
    System.arraycopy(emitted, i + 1, emitted, i, emitted.length - i - 1);
    splits[splits.length - 1] = split;
    emitted[emitted.length - 1] = count;
    active--;
  }

  private void reorder(int[] order) {
    int[] oldSplits = splits.clone();
    long[] oldEmitted = emitted.clone();
    for (int i = 0; i < order.length; i++) {
      splits[i] = oldSplits[order[i]];
      emitted[i] = oldEmitted[order[i]];
    }
  }

  /** Emitted counts by split from restored state; null on a fresh start. */
  private static long[] positions(List<Object> restored) {
    if (restored.isEmpty()) {
      return null;
    }
    long[] positions = new long[COUNT];
    Arrays.fill(positions, Long.MAX_VALUE);
    for (Object entry : restored) {
      if (!(entry instanceof SplitPosition position) || position.split() < 0 || position.split() >= COUNT) {
        throw new IllegalStateException("restored source state holds " + entry + ", not a split position of a "
            + "built-in source; the checkpoint belongs to a different source, give sources stable uids with uid(...)");
      }
      positions[position.split()] = position.emitted();
    }
    return positions;
  }
}

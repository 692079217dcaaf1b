package io.tributary.broker.internal;

import java.util.Arrays;

/**
 * The first sequence number stored in each roll cycle of a shard log, oldest first. Because every
 * excerpt of the queue is one record and numbering has no gaps, the Chronicle index of sequence
 * {@code s} is {@code rollCycle.toIndex(cycle, s - firstSequence(cycle))}: positioning needs no scan.
 * Immutable; the log swaps in a new instance when a cycle starts or is dropped.
 */
final class CycleIndex {
  static final CycleIndex EMPTY = new CycleIndex(new int[0], new long[0]);

  private final int[] cycles;
  private final long[] firstSequences;

  private CycleIndex(int[] cycles, long[] firstSequences) {
    this.cycles = cycles;
    this.firstSequences = firstSequences;
  }

  int size() {
    return cycles.length;
  }

  boolean isEmpty() {
    return cycles.length == 0;
  }

  int cycle(int position) {
    return cycles[position];
  }

  long firstSequence(int position) {
    return firstSequences[position];
  }

  /** A copy with a newer cycle whose first record has {@code firstSequence}. */
  CycleIndex plus(int cycle, long firstSequence) {
    int n = cycles.length;
    if (n > 0 && (cycle <= cycles[n - 1] || firstSequence <= firstSequences[n - 1])) {
      throw new IllegalStateException(
          "roll cycle " + cycle + " starting at sequence " + firstSequence + " does not follow cycle "
              + cycles[n - 1] + " starting at " + firstSequences[n - 1]);
    }
    int[] c = Arrays.copyOf(cycles, n + 1);
    long[] f = Arrays.copyOf(firstSequences, n + 1);
    c[n] = cycle;
    f[n] = firstSequence;
    return new CycleIndex(c, f);
  }

  /** A copy without the oldest {@code count} cycles. */
  CycleIndex dropOldest(int count) {
    return new CycleIndex(
        Arrays.copyOfRange(cycles, count, cycles.length),
        Arrays.copyOfRange(firstSequences, count, firstSequences.length));
  }

  /** The position of the cycle holding {@code sequence}, or -1 if it is before the first cycle. */
  int positionOf(long sequence) {
    int i = Arrays.binarySearch(firstSequences, sequence);
    return i >= 0 ? i : -i - 2;
  }
}

package io.tributary.broker.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The live segments of a shard log, oldest first, each following the previous without a gap.
 * Immutable; the log swaps in a new chain when a segment starts or segments are dropped.
 */
final class SegmentChain {
  private final long start;
  private final OpenSegment[] segments;

  SegmentChain(long start, List<OpenSegment> segments) {
    this.start = start;
    this.segments = segments.toArray(new OpenSegment[0]);
  }

  int size() {
    return segments.length;
  }

  OpenSegment get(int position) {
    return segments[position];
  }

  /** The segment appends go to, or null when the chain has none. */
  OpenSegment newest() {
    return segments.length == 0 ? null : segments[segments.length - 1];
  }

  List<OpenSegment> segments() {
    return List.of(segments);
  }

  long first() {
    return segments.length == 0 ? start : segments[0].first();
  }

  long next() {
    return segments.length == 0 ? start : segments[segments.length - 1].end();
  }

  /**
   * The segment holding {@code sequence}, which is below {@link #next()}; the oldest for a sequence
   * below the first (retention may have just trimmed it). Searches from the newest, where reads are.
   */
  OpenSegment holding(long sequence) {
    for (int i = segments.length - 1; i > 0; i--) {
      if (sequence >= segments[i].first()) {
        return segments[i];
      }
    }
    return segments[0];
  }

  /** The position of the newest segment holding records, or -1. */
  int newestWithRecords() {
    for (int i = segments.length - 1; i >= 0; i--) {
      if (!segments[i].isEmpty()) {
        return i;
      }
    }
    return -1;
  }

  /** This chain with {@code segment} at the end. */
  SegmentChain plus(OpenSegment segment) {
    List<OpenSegment> more = new ArrayList<>(Arrays.asList(segments));
    more.add(segment);
    return new SegmentChain(start, more);
  }

  /** This chain without its oldest {@code count} segments. */
  SegmentChain withoutOldest(int count) {
    long newStart = count < segments.length ? segments[count].entry().baseSequence() : next();
    return new SegmentChain(newStart, Arrays.asList(segments).subList(count, segments.length));
  }

  /** This chain without its newest segment. */
  SegmentChain withoutNewest() {
    long newStart = segments.length == 1 ? segments[0].entry().baseSequence() : start;
    return new SegmentChain(newStart, Arrays.asList(segments).subList(0, segments.length - 1));
  }

  /** What the pointer file says for this chain. */
  SegmentList.Listing listing() {
    List<SegmentEntry> entries = new ArrayList<>(segments.length);
    for (OpenSegment s : segments) {
      entries.add(s.entry());
    }
    return new SegmentList.Listing(segments.length == 0 ? start : segments[0].entry().baseSequence(), entries);
  }
}

package io.tributary.api.windowing;

/** The time interval [start, end) in epoch milliseconds. */
public final class TimeWindow extends Window {
  private static final long serialVersionUID = 1L;
  private final long start;
  private final long end;

  public TimeWindow(long start, long end) {
    if (end <= start) {
      throw new IllegalArgumentException("a time window needs start < end, got [" + start + ", " + end + ")");
    }
    this.start = start;
    this.end = end;
  }

  public long start() {
    return start;
  }

  public long end() {
    return end;
  }

  @Override
  public long maxTimestamp() {
    return end - 1;
  }

  public boolean intersects(TimeWindow other) {
    return start <= other.end && end >= other.start;
  }

  /**
   * Whether the two windows share a timestamp. Sessions merge on this, not on {@link #intersects}:
   * a record exactly one gap after a session's last one would otherwise join a session that the
   * watermark has already fired.
   */
  public boolean overlaps(TimeWindow other) {
    return start < other.end && other.start < end;
  }

  public TimeWindow cover(TimeWindow other) {
    return new TimeWindow(Math.min(start, other.start), Math.max(end, other.end));
  }

  /** Start of the window of {@code size} (shifted by {@code offset}) that holds {@code timestamp}. */
  public static long windowStart(long timestamp, long offset, long size) {
    return timestamp - Math.floorMod(timestamp - offset, size);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TimeWindow w && w.start == start && w.end == end;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(start) * 31 + Long.hashCode(end);
  }

  @Override
  public String toString() {
    return "TimeWindow[" + start + ", " + end + ")";
  }
}

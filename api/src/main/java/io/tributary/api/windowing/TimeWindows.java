package io.tributary.api.windowing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Window arithmetic shared by the time-based assigners. Stateless. */
final class TimeWindows {
  private TimeWindows() {}

  static long positiveMillis(Duration duration, String what) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(what + " must be a positive duration, got " + duration);
    }
    return duration.toMillis();
  }

  static List<TimeWindow> tumbling(long timestamp, long size, long offset) {
    long start = TimeWindow.windowStart(timestamp, offset, size);
    return List.of(new TimeWindow(start, start + size));
  }

  static List<TimeWindow> sliding(long timestamp, long size, long slide, long offset) {
    List<TimeWindow> windows = new ArrayList<>((int) ((size + slide - 1) / slide));
    long lastStart = TimeWindow.windowStart(timestamp, offset, slide);
    for (long start = lastStart; start > timestamp - size; start -= slide) {
      windows.add(new TimeWindow(start, start + size));
    }
    return windows;
  }

  static List<TimeWindow> session(long timestamp, long gap) {
    return List.of(new TimeWindow(timestamp, timestamp + gap));
  }

  static long checkSlide(long size, long slide) {
    if (slide > size) {
      throw new IllegalArgumentException("a sliding window's slide (" + slide + " ms) must not exceed its size ("
          + size + " ms); use tumbling windows for gaps between windows");
    }
    return slide;
  }
}

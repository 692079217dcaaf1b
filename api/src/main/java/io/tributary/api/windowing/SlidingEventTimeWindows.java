package io.tributary.api.windowing;

import java.time.Duration;
import java.util.Collection;

/** Windows of a fixed size starting every {@code slide}, by event time; a record is in size/slide of them. Immutable. */
public final class SlidingEventTimeWindows extends WindowAssigner<TimeWindow> {
  private static final long serialVersionUID = 1L;

  private final long size;
  private final long slide;

  private SlidingEventTimeWindows(long size, long slide) {
    this.size = size;
    this.slide = TimeWindows.checkSlide(size, slide);
  }

  public static SlidingEventTimeWindows of(Duration size, Duration slide) {
    return new SlidingEventTimeWindows(TimeWindows.positiveMillis(size, "window size"), TimeWindows.positiveMillis(slide, "window slide"));
  }

  @Override
  public Collection<TimeWindow> assignWindows(long timestamp) {
    return TimeWindows.sliding(timestamp, size, slide, 0);
  }

  @Override
  public boolean isEventTime() {
    return true;
  }
}

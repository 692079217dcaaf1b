package io.tributary.api.windowing;

import java.time.Duration;
import java.util.Collection;

/** Placeholder signature; the operators work fills it in. */
public final class SlidingProcessingTimeWindows extends WindowAssigner<TimeWindow> {
  private static final long serialVersionUID = 1L;

  private SlidingProcessingTimeWindows() {}

  public static SlidingProcessingTimeWindows of(Duration size, Duration slide) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  @Override
  public Collection<TimeWindow> assignWindows(long timestamp) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  @Override
  public boolean isEventTime() {
    return false;
  }
}

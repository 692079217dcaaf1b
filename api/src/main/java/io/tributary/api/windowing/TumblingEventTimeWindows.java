package io.tributary.api.windowing;

import java.time.Duration;
import java.util.Collection;

/** Placeholder signature; the operators work fills it in. */
public final class TumblingEventTimeWindows extends WindowAssigner<TimeWindow> {
  private static final long serialVersionUID = 1L;

  private TumblingEventTimeWindows() {}

  public static TumblingEventTimeWindows of(Duration size) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  @Override
  public Collection<TimeWindow> assignWindows(long timestamp) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  @Override
  public boolean isEventTime() {
    return true;
  }
}

package io.tributary.api.windowing;

import java.time.Duration;
import java.util.Collection;

/** Sessions by event time: records closer than {@code gap} fall in one window. Immutable. */
public final class EventTimeSessionWindows extends WindowAssigner<TimeWindow> {
  private static final long serialVersionUID = 1L;

  private final long gap;

  private EventTimeSessionWindows(long gap) {
    this.gap = gap;
  }

  public static EventTimeSessionWindows withGap(Duration gap) {
    return new EventTimeSessionWindows(TimeWindows.positiveMillis(gap, "session gap"));
  }

  /** A window [t, t + gap) per record; the operator merges the ones that overlap. */
  @Override
  public Collection<TimeWindow> assignWindows(long timestamp) {
    return TimeWindows.session(timestamp, gap);
  }

  @Override
  public boolean isMerging() {
    return true;
  }

  @Override
  public boolean isEventTime() {
    return true;
  }
}

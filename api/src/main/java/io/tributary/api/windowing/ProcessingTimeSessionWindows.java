package io.tributary.api.windowing;

import java.time.Duration;
import java.util.Collection;

/** Sessions by the subtask's clock: records arriving closer than {@code gap} fall in one window. Immutable. */
public final class ProcessingTimeSessionWindows extends WindowAssigner<TimeWindow> {
  private static final long serialVersionUID = 1L;

  private final long gap;

  private ProcessingTimeSessionWindows(long gap) {
    this.gap = gap;
  }

  public static ProcessingTimeSessionWindows withGap(Duration gap) {
    return new ProcessingTimeSessionWindows(TimeWindows.positiveMillis(gap, "session gap"));
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
    return false;
  }
}

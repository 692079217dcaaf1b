package io.tributary.api.windowing;

import java.time.Duration;
import java.util.Collection;

/** Windows of a fixed size that do not overlap, by the subtask's clock. Immutable. */
public final class TumblingProcessingTimeWindows extends WindowAssigner<TimeWindow> {
  private static final long serialVersionUID = 1L;

  private final long size;
  private final long offset;

  private TumblingProcessingTimeWindows(long size, long offset) {
    this.size = size;
    this.offset = offset;
  }

  public static TumblingProcessingTimeWindows of(Duration size) {
    return of(size, Duration.ZERO);
  }

  /** Windows of {@code size} whose starts are shifted by {@code offset} from the epoch (e.g. a time zone). */
  public static TumblingProcessingTimeWindows of(Duration size, Duration offset) {
    return new TumblingProcessingTimeWindows(TimeWindows.positiveMillis(size, "window size"), offset.toMillis());
  }

  @Override
  public Collection<TimeWindow> assignWindows(long timestamp) {
    return TimeWindows.tumbling(timestamp, size, offset);
  }

  @Override
  public boolean isEventTime() {
    return false;
  }
}

package io.tributary.api.windowing;

import java.io.Serializable;
import java.util.Collection;

/**
 * Assigns each record to zero or more windows. Event-time assigners fire on watermarks,
 * processing-time ones on the clock; merging assigners (sessions) merge overlapping windows.
 */
public abstract class WindowAssigner<W extends Window> implements Serializable {
  private static final long serialVersionUID = 1L;

  /** @param timestamp the record's event time (event-time assigners) or the current processing time */
  public abstract Collection<W> assignWindows(long timestamp);

  public abstract boolean isEventTime();

  public boolean isMerging() {
    return false;
  }
}

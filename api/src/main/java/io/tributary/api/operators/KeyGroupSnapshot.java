package io.tributary.api.operators;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One key group of a keyed operator at a checkpoint: its state tables (state name to key to value)
 * and its pending event-time and processing-time timers. Plain maps, lists and records, so that any
 * serializer can write it. Not copied: built fresh for each checkpoint and read once.
 */
public record KeyGroupSnapshot(Map<String, Map<Object, Object>> state, List<TimerSnapshot> eventTimers,
    List<TimerSnapshot> processingTimers) implements Serializable {
  private static final long serialVersionUID = 1L;

  public KeyGroupSnapshot {
    state = state == null ? new HashMap<>() : state;
    eventTimers = eventTimers == null ? new ArrayList<>() : eventTimers;
    processingTimers = processingTimers == null ? new ArrayList<>() : processingTimers;
  }

  public boolean isEmpty() {
    return state.isEmpty() && eventTimers.isEmpty() && processingTimers.isEmpty();
  }
}

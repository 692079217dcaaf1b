package io.tributary.api.operators;

import io.tributary.api.graph.KeyGroups;
import io.tributary.api.state.KeyedStateBackend;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Event-time and processing-time timers of one keyed operator, per (key, namespace, time):
 * registering twice keeps one, deleting removes it, firing goes in time order (registration order
 * within a time) with the timer's key set as the backend's current key. Confined to the subtask's
 * thread. Processing time is served by one callback on the {@link ProcessingTimeService} for the
 * earliest pending timer, re-armed after each firing, so a million timers cost one callback.
 */
public final class InternalTimerService {
  /** Receives fired timers; the timer's key is already the current key. */
  public interface Target {
    void onEventTime(InternalTimer timer) throws Exception;

    void onProcessingTime(InternalTimer timer) throws Exception;
  }

  private record Slot(Object key, Object namespace) {}

  private final KeyedStateBackend backend;
  private final ProcessingTimeService processingTime;
  private final Target target;
  private final TreeMap<Long, LinkedHashSet<Slot>> eventTimers = new TreeMap<>();
  private final TreeMap<Long, LinkedHashSet<Slot>> processingTimers = new TreeMap<>();
  private int eventCount;
  private int processingCount;
  private long armedTime = Long.MAX_VALUE;
  private ProcessingTimeService.Cancellable armed;

  public InternalTimerService(KeyedStateBackend backend, ProcessingTimeService processingTime, Target target) {
    this.backend = backend;
    this.processingTime = processingTime;
    this.target = target;
  }

  public void registerEventTimeTimer(Object namespace, long time) {
    if (add(eventTimers, currentKey(), namespace, time)) {
      eventCount++;
    }
  }

  public void deleteEventTimeTimer(Object namespace, long time) {
    if (remove(eventTimers, currentKey(), namespace, time)) {
      eventCount--;
    }
  }

  public void registerProcessingTimeTimer(Object namespace, long time) {
    if (add(processingTimers, currentKey(), namespace, time)) {
      processingCount++;
      if (time < armedTime) {
        arm(time);
      }
    }
  }

  public void deleteProcessingTimeTimer(Object namespace, long time) {
    if (remove(processingTimers, currentKey(), namespace, time)) {
      processingCount--;
    }
  }

  /** Fires every event-time timer at or before {@code watermark}, including ones registered while firing. */
  public void advanceWatermark(long watermark) throws Exception {
    InternalTimer timer;
    while ((timer = pollDue(eventTimers, watermark)) != null) {
      eventCount--;
      backend.setCurrentKey(timer.key());
      target.onEventTime(timer);
    }
  }

  public int numEventTimeTimers() {
    return eventCount;
  }

  public int numProcessingTimeTimers() {
    return processingCount;
  }

  /** Pending event-time timers by key group, each group's in firing order, for a checkpoint. */
  public Map<Integer, List<TimerSnapshot>> eventTimersByKeyGroup(int maxParallelism) {
    return byKeyGroup(eventTimers, maxParallelism);
  }

  /** Pending processing-time timers by key group, each group's in firing order, for a checkpoint. */
  public Map<Integer, List<TimerSnapshot>> processingTimersByKeyGroup(int maxParallelism) {
    return byKeyGroup(processingTimers, maxParallelism);
  }

  /**
   * Registers timers from a checkpoint, in their original firing order (by time, then the order they
   * were snapshotted in), and arms the earliest processing-time timer.
   */
  public void restore(List<TimerSnapshot> event, List<TimerSnapshot> processing) {
    for (TimerSnapshot timer : inFiringOrder(event)) {
      if (add(eventTimers, timer.key(), timer.namespace(), timer.time())) {
        eventCount++;
      }
    }
    for (TimerSnapshot timer : inFiringOrder(processing)) {
      if (add(processingTimers, timer.key(), timer.namespace(), timer.time())) {
        processingCount++;
      }
    }
    if (!processingTimers.isEmpty() && processingTimers.firstKey() < armedTime) {
      arm(processingTimers.firstKey());
    }
  }

  /** Stops the pending processing-time callback; timers stay registered. */
  public void close() {
    if (armed != null) {
      armed.cancel();
      armed = null;
    }
    armedTime = Long.MAX_VALUE;
  }

  private void onProcessingTime(long callbackTime) throws Exception {
    armed = null;
    armedTime = Long.MAX_VALUE;
    long now = Math.max(callbackTime, processingTime.currentProcessingTime());
    InternalTimer timer;
    while ((timer = pollDue(processingTimers, now)) != null) {
      processingCount--;
      backend.setCurrentKey(timer.key());
      target.onProcessingTime(timer);
    }
    if (!processingTimers.isEmpty() && armed == null) {
      arm(processingTimers.firstKey());
    }
  }

  private void arm(long time) {
    if (armed != null) {
      armed.cancel();
    }
    armedTime = time;
    armed = processingTime.registerTimer(time, this::onProcessingTime);
  }

  private Object currentKey() {
    Object key = backend.currentKey();
    if (key == null) {
      throw new IllegalStateException("timers can only be registered or deleted while a key is current "
          + "(processing a record or a timer of a keyed stream)");
    }
    return key;
  }

  private static boolean add(TreeMap<Long, LinkedHashSet<Slot>> timers, Object key, Object namespace, long time) {
    return timers.computeIfAbsent(time, t -> new LinkedHashSet<>()).add(new Slot(key, namespace));
  }

  private static boolean remove(TreeMap<Long, LinkedHashSet<Slot>> timers, Object key, Object namespace, long time) {
    LinkedHashSet<Slot> slots = timers.get(time);
    if (slots == null || !slots.remove(new Slot(key, namespace))) {
      return false;
    }
    if (slots.isEmpty()) {
      timers.remove(time);
    }
    return true;
  }

  private static Map<Integer, List<TimerSnapshot>> byKeyGroup(TreeMap<Long, LinkedHashSet<Slot>> timers,
      int maxParallelism) {
    Map<Integer, List<TimerSnapshot>> result = new HashMap<>();
    long order = 0;
    for (Map.Entry<Long, LinkedHashSet<Slot>> entry : timers.entrySet()) {
      for (Slot slot : entry.getValue()) {
        int group = KeyGroups.keyGroupFor(slot.key(), maxParallelism);
        result.computeIfAbsent(group, g -> new ArrayList<>())
            .add(new TimerSnapshot(slot.key(), slot.namespace(), entry.getKey(), order++));
      }
    }
    return result;
  }

  private static List<TimerSnapshot> inFiringOrder(List<TimerSnapshot> timers) {
    List<TimerSnapshot> sorted = new ArrayList<>(timers);
    sorted.sort(Comparator.comparingLong(TimerSnapshot::time).thenComparingLong(TimerSnapshot::order));
    return sorted;
  }

  private static InternalTimer pollDue(TreeMap<Long, LinkedHashSet<Slot>> timers, long upTo) {
    Map.Entry<Long, LinkedHashSet<Slot>> first = timers.firstEntry();
    if (first == null || first.getKey() > upTo) {
      return null;
    }
    Iterator<Slot> it = first.getValue().iterator();
    Slot slot = it.next();
    it.remove();
    if (first.getValue().isEmpty()) {
      timers.remove(first.getKey());
    }
    return new InternalTimer(slot.key(), slot.namespace(), first.getKey());
  }
}

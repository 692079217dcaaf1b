package io.tributary.api.operators;

import io.tributary.api.functions.Function;
import io.tributary.api.functions.KeySelector;
import io.tributary.api.functions.OutputTag;
import io.tributary.api.state.MapState;
import io.tributary.api.state.MapStateDescriptor;
import io.tributary.api.windowing.TimeWindow;
import io.tributary.api.windowing.Window;
import io.tributary.api.windowing.WindowAssigner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Keyed windows: assigns each record to its windows, keeps each (key, window)'s contents in keyed
 * state, fires a window when the watermark (or the clock, for processing-time windows) passes its
 * max timestamp, and keeps its contents until max timestamp + allowed lateness so that a late record
 * re-fires it with the updated result. Records whose windows are all past that are late: they go to
 * the late side output, or are dropped and counted. Session windows merge as records arrive
 * (records less than the gap apart share a session). Output
 * records carry the window's max timestamp. Confined to the subtask's thread.
 */
public final class WindowOperator<K, IN, ACC, OUT, W extends Window> extends AbstractStreamOperator<OUT>
    implements OneInputOperator<IN, OUT> {
  private static final long serialVersionUID = 1L;

  private final KeySelector<IN, K> keySelector;
  private final WindowAssigner<W> assigner;
  private final long allowedLateness;
  private final OutputTag<IN> lateOutput;
  private final WindowContents<K, IN, ACC, OUT, W> contents;
  private transient MapState<W, ACC> windows;
  private transient TimestampedCollector<OUT> collector;
  private transient W firing;
  private transient long lateRecordsDropped;

  WindowOperator(KeySelector<IN, K> keySelector, WindowAssigner<W> assigner, Duration allowedLateness,
      OutputTag<IN> lateOutput, WindowContents<K, IN, ACC, OUT, W> contents) {
    if (allowedLateness != null && allowedLateness.isNegative()) {
      throw new IllegalArgumentException("allowed lateness must not be negative, got " + allowedLateness);
    }
    this.keySelector = keySelector;
    this.assigner = assigner;
    this.allowedLateness = allowedLateness == null ? 0 : allowedLateness.toMillis();
    this.lateOutput = lateOutput;
    this.contents = contents;
  }

  @Override
  protected boolean isKeyed() {
    return true;
  }

  @Override
  protected List<Function> userFunctions() {
    return contents.functions();
  }

  @Override
  public void open(OperatorContext context, Output<OUT> output) throws Exception {
    super.open(context, output);
    windows = keyedStateBackend().getMapState(new MapStateDescriptor<>("_windows"));
    collector = new TimestampedCollector<>(output);
    contents.open(new Scope());
  }

  /** Records dropped because every window they belong to was past its allowed lateness. */
  public long lateRecordsDropped() {
    return lateRecordsDropped;
  }

  @Override
  public void processElement(IN value, long timestamp) throws Exception {
    K key = keySelector.getKey(value);
    setCurrentKey(key);
    long time;
    if (assigner.isEventTime()) {
      requireTimestamp(timestamp);
      time = timestamp;
    } else {
      time = currentProcessingTime();
    }
    boolean accepted = false;
    for (W assigned : assigner.assignWindows(time)) {
      W window = assigner.isMerging() ? mergeFor(assigned) : assigned;
      if (window == null || isLate(window)) {
        continue;
      }
      accepted = true;
      ACC previous = windows.get(window);
      ACC accumulator = contents.add(previous, value);
      windows.put(window, accumulator);
      // A window's timers exist from its first record until its state is removed; registering
      // them again per record only costs lookups (merging windows manage their own).
      if (previous == null || assigner.isMerging()) {
        registerTimers(window);
      }
      if (assigner.isEventTime() && window.maxTimestamp() <= currentWatermark()) {
        fire(key, window, accumulator);
      }
    }
    if (!accepted) {
      late(value, timestamp);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public void onEventTime(InternalTimer timer) throws Exception {
    W window = (W) timer.namespace();
    if (timer.time() == window.maxTimestamp()) {
      ACC accumulator = windows.get(window);
      if (accumulator != null) {
        fire((K) timer.key(), window, accumulator);
      }
    }
    if (timer.time() == cleanupTime(window)) {
      windows.remove(window);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public void onProcessingTime(InternalTimer timer) throws Exception {
    W window = (W) timer.namespace();
    ACC accumulator = windows.get(window);
    if (accumulator != null) {
      fire((K) timer.key(), window, accumulator);
      windows.remove(window);
    }
  }

  private void fire(K key, W window, ACC accumulator) throws Exception {
    firing = window;
    collector.setTimestamp(window.maxTimestamp());
    contents.emit(key, accumulator, collector);
    firing = null;
  }

  private void late(IN value, long timestamp) {
    if (lateOutput != null) {
      output().collect(lateOutput, value, timestamp);
    } else {
      lateRecordsDropped++;
    }
  }

  private void registerTimers(W window) {
    InternalTimerService timers = timerService();
    if (assigner.isEventTime()) {
      if (window.maxTimestamp() > currentWatermark()) {
        timers.registerEventTimeTimer(window, window.maxTimestamp());
      }
      timers.registerEventTimeTimer(window, cleanupTime(window));
    } else {
      timers.registerProcessingTimeTimer(window, window.maxTimestamp());
    }
  }

  private void deleteTimers(W window) {
    InternalTimerService timers = timerService();
    if (assigner.isEventTime()) {
      timers.deleteEventTimeTimer(window, window.maxTimestamp());
      timers.deleteEventTimeTimer(window, cleanupTime(window));
    } else {
      timers.deleteProcessingTimeTimer(window, window.maxTimestamp());
    }
  }

  private long cleanupTime(W window) {
    if (!assigner.isEventTime()) {
      return window.maxTimestamp();
    }
    long cleanup = window.maxTimestamp() + allowedLateness;
    return cleanup >= window.maxTimestamp() ? cleanup : Long.MAX_VALUE;
  }

  private boolean isLate(W window) {
    return assigner.isEventTime() && cleanupTime(window) <= currentWatermark();
  }

  /**
   * Merges {@code assigned} with the key's windows it overlaps; returns the covering
   * window holding their combined contents, or null when that window is already late (nothing
   * changes then).
   */
  @SuppressWarnings("unchecked")
  private W mergeFor(W assigned) throws Exception {
    TimeWindow cover = asTimeWindow(assigned);
    List<W> overlapping = new ArrayList<>();
    for (W existing : windows.keys()) {
      if (asTimeWindow(existing).overlaps(cover)) {
        overlapping.add(existing);
      }
    }
    for (W existing : overlapping) {
      cover = cover.cover(asTimeWindow(existing));
    }
    W merged = (W) cover;
    if (isLate(merged)) {
      return null;
    }
    ACC combined = null;
    for (W existing : overlapping) {
      ACC accumulator = windows.get(existing);
      combined = combined == null ? accumulator : contents.merge(combined, accumulator);
      if (!existing.equals(merged)) {
        windows.remove(existing);
        deleteTimers(existing);
      }
    }
    if (combined != null) {
      windows.put(merged, combined);
    }
    return merged;
  }

  private static TimeWindow asTimeWindow(Window window) {
    if (window instanceof TimeWindow time) {
      return time;
    }
    throw new IllegalStateException("merging window assigners must assign TimeWindows, got " + window.getClass().getName());
  }

  /** The window being fired, as window functions see it. */
  private final class Scope implements WindowScope<W> {
    @Override
    public W window() {
      return firing;
    }

    @Override
    public long currentWatermark() {
      return WindowOperator.this.currentWatermark();
    }

    @Override
    public long currentProcessingTime() {
      return WindowOperator.this.currentProcessingTime();
    }

    @Override
    public <X> void output(OutputTag<X> tag, X value) {
      WindowOperator.this.output().collect(tag, value, collector.timestamp());
    }
  }
}

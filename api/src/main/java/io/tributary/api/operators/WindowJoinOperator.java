package io.tributary.api.operators;

import io.tributary.api.functions.Function;
import io.tributary.api.functions.JoinFunction;
import io.tributary.api.functions.KeySelector;
import io.tributary.api.state.MapState;
import io.tributary.api.state.MapStateDescriptor;
import io.tributary.api.windowing.Window;
import io.tributary.api.windowing.WindowAssigner;
import java.util.ArrayList;

/**
 * Joins two keyed streams per window: buffers both sides per (key, window) and, when the window
 * fires, emits the join of every left record with every right record of that key and window, with
 * the window's max timestamp. Records for windows that already fired are late and dropped (counted).
 * Confined to the subtask's thread. Merging (session) windows are not supported: the DataStream API
 * must reject them before building the plan.
 */
public final class WindowJoinOperator<K, IN1, IN2, OUT, W extends Window> extends AbstractTwoInputOperator<IN1, IN2, OUT> {
  private static final long serialVersionUID = 1L;

  private final KeySelector<IN1, K> keySelector1;
  private final KeySelector<IN2, K> keySelector2;
  private final WindowAssigner<W> assigner;
  private final JoinFunction<IN1, IN2, OUT> function;
  private transient MapState<W, ArrayList<IN1>> left;
  private transient MapState<W, ArrayList<IN2>> right;
  private transient long lateRecordsDropped;

  public WindowJoinOperator(KeySelector<IN1, K> keySelector1, KeySelector<IN2, K> keySelector2, WindowAssigner<W> assigner,
      JoinFunction<IN1, IN2, OUT> function) {
    if (assigner.isMerging()) {
      throw new IllegalArgumentException("window joins support tumbling and sliding windows, not merging (session) "
          + "windows; join on tumbling or sliding windows, or use connect(...).keyBy(...).process(...)");
    }
    this.keySelector1 = keySelector1;
    this.keySelector2 = keySelector2;
    this.assigner = assigner;
    this.function = function;
  }

  @Override
  protected boolean isKeyed() {
    return true;
  }

  @Override
  protected Function userFunction() {
    return function;
  }

  @Override
  public void open(OperatorContext context, Output<OUT> output) throws Exception {
    super.open(context, output);
    left = keyedStateBackend().getMapState(new MapStateDescriptor<>("_join-left"));
    right = keyedStateBackend().getMapState(new MapStateDescriptor<>("_join-right"));
  }

  /** Records dropped because their windows had already fired. */
  public long lateRecordsDropped() {
    return lateRecordsDropped;
  }

  @Override
  public void processElement1(IN1 value, long timestamp) throws Exception {
    setCurrentKey(keySelector1.getKey(value));
    buffer(left, value, timestamp);
  }

  @Override
  public void processElement2(IN2 value, long timestamp) throws Exception {
    setCurrentKey(keySelector2.getKey(value));
    buffer(right, value, timestamp);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void onEventTime(InternalTimer timer) throws Exception {
    fire((W) timer.namespace());
  }

  @Override
  @SuppressWarnings("unchecked")
  public void onProcessingTime(InternalTimer timer) throws Exception {
    fire((W) timer.namespace());
  }

  private <T> void buffer(MapState<W, ArrayList<T>> side, T value, long timestamp) {
    long time;
    if (assigner.isEventTime()) {
      requireTimestamp(timestamp);
      time = timestamp;
    } else {
      time = currentProcessingTime();
    }
    boolean accepted = false;
    for (W window : assigner.assignWindows(time)) {
      if (assigner.isEventTime() && window.maxTimestamp() <= currentWatermark()) {
        continue;
      }
      accepted = true;
      ArrayList<T> list = side.get(window);
      if (list == null) {
        list = new ArrayList<>();
        side.put(window, list);
      }
      list.add(value);
      if (assigner.isEventTime()) {
        timerService().registerEventTimeTimer(window, window.maxTimestamp());
      } else {
        timerService().registerProcessingTimeTimer(window, window.maxTimestamp());
      }
    }
    if (!accepted) {
      lateRecordsDropped++;
    }
  }

  private void fire(W window) throws Exception {
    ArrayList<IN1> lefts = left.get(window);
    ArrayList<IN2> rights = right.get(window);
    left.remove(window);
    right.remove(window);
    if (lefts == null || rights == null) {
      return;
    }
    long timestamp = window.maxTimestamp();
    for (IN1 l : lefts) {
      for (IN2 r : rights) {
        output().collect(function.join(l, r), timestamp);
      }
    }
  }
}

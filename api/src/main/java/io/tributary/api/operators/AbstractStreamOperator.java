package io.tributary.api.operators;

import io.tributary.api.checkpoint.OperatorRestore;
import io.tributary.api.checkpoint.OperatorSnapshot;
import io.tributary.api.functions.Function;
import io.tributary.api.functions.RichFunction;
import io.tributary.api.functions.RuntimeContext;
import io.tributary.api.state.HeapKeyedStateBackend;
import io.tributary.api.state.KeyedStateBackend;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Base of operators with event time, keyed state and timers. It keeps the context and output,
 * tracks the watermark (firing due event-time timers before forwarding it), builds the keyed state
 * backend and timer service of keyed operators, and opens and closes the user function. One-input
 * operators extend it directly and implement {@link OneInputOperator}; two-input ones extend
 * {@link AbstractTwoInputOperator}. At a checkpoint it hands over keyed state and timers by key
 * group, and restores them (only the groups it is given) when it opens, so every keyed operator
 * checkpoints without code of its own. Confined to the subtask's thread. The runtime fields are
 * transient because operators travel in the job plan and are opened once per subtask.
 */
public abstract class AbstractStreamOperator<OUT> implements StreamOperator<OUT>, InternalTimerService.Target {
  private static final long serialVersionUID = 1L;

  private transient OperatorContext context;
  private transient Output<OUT> output;
  private transient HeapKeyedStateBackend stateBackend;
  private transient InternalTimerService timerService;
  private transient RuntimeContext runtimeContext;
  private transient long currentWatermark;
  private transient OperatorRestore restored;

  /** Whether this operator partitions state and timers by key; keyed operators set a key per record. */
  protected boolean isKeyed() {
    return false;
  }

  /** The user function opened and closed with the operator; null when there is none. */
  protected Function userFunction() {
    return null;
  }

  /** Every user function of the operator, opened in order and closed in order. */
  protected List<Function> userFunctions() {
    Function function = userFunction();
    return function == null ? List.of() : List.of(function);
  }

  @Override
  public void open(OperatorContext context, Output<OUT> output) throws Exception {
    this.context = context;
    this.output = output;
    this.currentWatermark = Long.MIN_VALUE;
    if (isKeyed()) {
      stateBackend = new HeapKeyedStateBackend(context.keyGroupRange(), context.maxParallelism());
      timerService = new InternalTimerService(stateBackend, context.processingTimeService(), this);
      if (restored != null) {
        restoreKeyed(restored);
      }
    }
    restored = null;
    runtimeContext = new OperatorRuntimeContext(context, stateBackend);
    for (Function function : userFunctions()) {
      openFunction(function);
    }
  }

  /** Keeps the restored state until {@link #open} builds the backend and timer service it goes into. */
  @Override
  public void initializeState(OperatorRestore restore) throws Exception {
    this.restored = restore;
  }

  /**
   * Keyed state and timers by key group (a {@link KeyGroupSnapshot} each); nothing for operators that
   * are not keyed. Operators with state of their own override this and add to the result.
   */
  @Override
  public OperatorSnapshot snapshotState(long checkpointId) throws Exception {
    if (stateBackend == null) {
      return OperatorSnapshot.EMPTY;
    }
    int maxParallelism = stateBackend.maxParallelism();
    Map<Integer, Map<String, Map<Object, Object>>> tables = stateBackend.snapshotKeyGroups();
    Map<Integer, List<TimerSnapshot>> event = timerService.eventTimersByKeyGroup(maxParallelism);
    Map<Integer, List<TimerSnapshot>> processing = timerService.processingTimersByKeyGroup(maxParallelism);
    Map<Integer, Object> groups = new HashMap<>();
    for (int group : union(tables.keySet(), event.keySet(), processing.keySet())) {
      groups.put(group, new KeyGroupSnapshot(tables.get(group), event.get(group), processing.get(group)));
    }
    return new OperatorSnapshot(groups, Map.of(), Map.of());
  }

  @Override
  public void close() throws Exception {
    if (timerService != null) {
      timerService.close();
    }
    if (runtimeContext == null) {
      return;
    }
    for (Function function : userFunctions()) {
      if (function instanceof RichFunction rich) {
        rich.close();
      }
    }
  }

  /** The input's watermark; fires due event-time timers, then forwards it. */
  public void processWatermark(long watermark) throws Exception {
    advanceWatermark(watermark);
  }

  /** Forwards idleness: an operator with one input is idle exactly when its input is. */
  public void processIdle(boolean idle) throws Exception {
    output.emitIdle(idle);
  }

  private void restoreKeyed(OperatorRestore restore) {
    List<TimerSnapshot> event = new ArrayList<>();
    List<TimerSnapshot> processing = new ArrayList<>();
    for (Map.Entry<Integer, Object> group : restore.keyGroups().entrySet()) {
      if (!(group.getValue() instanceof KeyGroupSnapshot snapshot)) {
        throw new IllegalStateException("operator '" + context.operatorName() + "' cannot restore key group "
            + group.getKey() + " from a " + group.getValue().getClass().getName() + "; the state was written by a "
            + "different operator; give operators stable uids with uid(...) so state finds its operator");
      }
      stateBackend.restoreKeyGroup(group.getKey(), snapshot.state());
      event.addAll(snapshot.eventTimers());
      processing.addAll(snapshot.processingTimers());
    }
    timerService.restore(event, processing);
  }

  private static Set<Integer> union(Set<Integer> a, Set<Integer> b,
      Set<Integer> c) {
    Set<Integer> all = new TreeSet<>(a);
    all.addAll(b);
    all.addAll(c);
    return all;
  }

  private void openFunction(Function function) throws Exception {
    if (function instanceof RichFunction rich) {
      rich.open(runtimeContext);
    }
  }

  /** Moves event time forward: fires event-time timers at or before it, then emits it downstream. */
  protected final void advanceWatermark(long watermark) throws Exception {
    if (watermark <= currentWatermark) {
      return;
    }
    currentWatermark = watermark;
    if (timerService != null) {
      timerService.advanceWatermark(watermark);
    }
    output.emitWatermark(watermark);
  }

  @Override
  public void onEventTime(InternalTimer timer) throws Exception {}

  @Override
  public void onProcessingTime(InternalTimer timer) throws Exception {}

  /** Sets the key that state and timers use; fails when the key does not belong to this subtask. */
  protected final void setCurrentKey(Object key) {
    keyedStateBackend().setCurrentKey(key);
  }

  protected final Object currentKey() {
    return keyedStateBackend().currentKey();
  }

  public final long currentWatermark() {
    return currentWatermark;
  }

  protected final long currentProcessingTime() {
    return context.processingTimeService().currentProcessingTime();
  }

  protected final OperatorContext context() {
    return context;
  }

  protected final Output<OUT> output() {
    return output;
  }

  protected final RuntimeContext runtimeContext() {
    return runtimeContext;
  }

  /** @throws IllegalStateException when the operator is not keyed */
  public final KeyedStateBackend keyedStateBackend() {
    if (stateBackend == null) {
      throw new IllegalStateException(getClass().getSimpleName() + " is not keyed"
          + (context == null ? " or not opened yet" : "") + "; keyed state and timers need a keyed stream");
    }
    return stateBackend;
  }

  /** @throws IllegalStateException when the operator is not keyed */
  public final InternalTimerService timerService() {
    keyedStateBackend();
    return timerService;
  }

  public int numEventTimeTimers() {
    return timerService == null ? 0 : timerService.numEventTimeTimers();
  }

  public int numProcessingTimeTimers() {
    return timerService == null ? 0 : timerService.numProcessingTimeTimers();
  }

  /** Fails a record without a timestamp in an event-time operator, naming the fix. */
  protected final void requireTimestamp(long timestamp) {
    if (timestamp == Timestamps.NONE) {
      throw new IllegalStateException("operator '" + context.operatorName() + "' uses event time but got a record "
          + "without a timestamp; assign timestamps with assignTimestampsAndWatermarks(...) or give the source a "
          + "WatermarkStrategy with a timestamp assigner");
    }
  }
}

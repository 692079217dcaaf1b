package io.tributary.api.testing;

import io.tributary.api.checkpoint.OperatorSnapshot;
import io.tributary.api.checkpoint.StateRedistribution;
import io.tributary.api.functions.OutputTag;
import io.tributary.api.graph.KeyGroups;
import io.tributary.api.operators.AbstractStreamOperator;
import io.tributary.api.operators.StreamOperator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the one- and two-input harnesses share: the subtask's identity, manual processing time, the
 * collected output and the operator's lifecycle. Confined to the test's thread. Due processing-time
 * callbacks run after every input call, as the engine runs them between records. Snapshots and
 * restores go through the engine's redistribution, so rescaling can be tested here.
 */
public abstract class HarnessBase<OUT, H extends HarnessBase<OUT, H>> implements AutoCloseable {
  private enum Phase { NEW, OPEN, CLOSED }

  private final StreamOperator<OUT> operator;
  private final ManualProcessingTimeService time = new ManualProcessingTimeService(0);
  private final CollectingOutput<OUT> output = new CollectingOutput<>();
  private int parallelism = 1;
  private int subtaskIndex;
  private int maxParallelism = KeyGroups.DEFAULT_MAX_PARALLELISM;
  private String operatorName;
  private Phase phase = Phase.NEW;
  private List<OperatorSnapshot> restoreFrom;
  private long restoreCheckpointId;

  HarnessBase(StreamOperator<OUT> operator) {
    this.operator = operator;
    this.operatorName = operator.getClass().getSimpleName();
  }

  /** Runs the operator as subtask {@code subtaskIndex} of {@code parallelism}: it owns that subtask's key groups. */
  public H withParallelism(int parallelism, int subtaskIndex) {
    requirePhase(Phase.NEW, "set the parallelism");
    this.parallelism = parallelism;
    this.subtaskIndex = subtaskIndex;
    return self();
  }

  public H withMaxParallelism(int maxParallelism) {
    requirePhase(Phase.NEW, "set the max parallelism");
    this.maxParallelism = maxParallelism;
    return self();
  }

  public H withOperatorName(String name) {
    requirePhase(Phase.NEW, "set the operator name");
    this.operatorName = name;
    return self();
  }

  public H open() throws Exception {
    requirePhase(Phase.NEW, "open the operator");
    if (restoreFrom != null) {
      operator.initializeState(StateRedistribution.restoreFor(restoreFrom, maxParallelism, parallelism, subtaskIndex,
          restoreCheckpointId));
    }
    operator.open(new HarnessContext(operatorName, parallelism, subtaskIndex, maxParallelism, time), output);
    phase = Phase.OPEN;
    time.runDue();
    return self();
  }

  /**
   * The operator's state at checkpoint {@code checkpointId}, as the engine takes it when a barrier
   * passes, copied through Java serialization: fails when state holds something that cannot be
   * copied, and later input cannot change the returned snapshot.
   */
  public OperatorSnapshot snapshot(long checkpointId) throws Exception {
    requireOpen();
    return SerializedCopy.ofSnapshot(operator.snapshotState(checkpointId), operatorName);
  }

  /** Checkpoint {@code checkpointId} completed everywhere (sinks commit up to it). */
  public H notifyCheckpointComplete(long checkpointId) throws Exception {
    requireOpen();
    operator.notifyCheckpointComplete(checkpointId);
    return afterInput();
  }

  /** Checkpoint {@code checkpointId} will not complete. */
  public H notifyCheckpointAborted(long checkpointId) throws Exception {
    requireOpen();
    operator.notifyCheckpointAborted(checkpointId);
    return afterInput();
  }

  /** Sets processing time to {@code timeMs} and runs the processing-time timers that became due. */
  public H setProcessingTime(long timeMs) throws Exception {
    time.setCurrentTime(timeMs);
    return self();
  }

  public H advanceProcessingTime(Duration duration) throws Exception {
    return setProcessingTime(time.currentProcessingTime() + duration.toMillis());
  }

  public long processingTime() {
    return time.currentProcessingTime();
  }

  /** Closes the operator (once); safe to call again. */
  @Override
  public void close() throws Exception {
    if (phase == Phase.OPEN) {
      phase = Phase.CLOSED;
      operator.close();
    }
  }

  public List<OUT> extractOutputValues() {
    List<OUT> values = new ArrayList<>(output.records().size());
    output.records().forEach(r -> values.add(r.value()));
    return values;
  }

  public List<TimestampedValue<OUT>> extractOutputRecords() {
    return List.copyOf(output.records());
  }

  public <X> List<X> sideOutput(OutputTag<X> tag) {
    List<X> values = new ArrayList<>();
    output.sideOutput(tag).forEach(r -> values.add(r.value()));
    return values;
  }

  public <X> List<TimestampedValue<X>> sideOutputRecords(OutputTag<X> tag) {
    return output.sideOutput(tag);
  }

  /** Watermarks the operator forwarded, in order. */
  public List<Long> watermarks() {
    return List.copyOf(output.watermarks());
  }

  /** Idleness changes the operator forwarded: true = became idle, false = active again. */
  public List<Boolean> idleChanges() {
    return List.copyOf(output.idleChanges());
  }

  /** Forgets the output collected so far, to look only at what comes next. */
  public H clearOutput() {
    output.clear();
    return self();
  }

  public int numPendingEventTimeTimers() {
    return operator instanceof AbstractStreamOperator<?> op ? op.numEventTimeTimers() : 0;
  }

  public int numPendingProcessingTimeTimers() {
    return operator instanceof AbstractStreamOperator<?> op ? op.numProcessingTimeTimers() : 0;
  }

  public StreamOperator<OUT> operator() {
    return operator;
  }

  /**
   * Makes {@link #open} restore the operator from the snapshots of every old subtask, redistributed
   * for this harness's subtask the way the engine does it (see {@link StateRedistribution}).
   */
  final H restoringFrom(List<OperatorSnapshot> oldSubtasks, long checkpointId, int parallelism, int subtaskIndex) {
    withParallelism(parallelism, subtaskIndex);
    this.restoreFrom = List.copyOf(oldSubtasks);
    this.restoreCheckpointId = checkpointId;
    return self();
  }

  /** Lets the operator flush: the engine's end of input, after the final watermark. */
  protected final void finishOperator() throws Exception {
    requireOpen();
    operator.finish();
    time.runDue();
  }

  protected final void requireOpen() {
    if (phase != Phase.OPEN) {
      throw new IllegalStateException(phase == Phase.NEW ? "call open() before sending input to the harness"
          : "the harness was closed; create a new one per test");
    }
  }

  /** Runs processing-time callbacks that input made due, as the engine does between records. */
  protected final H afterInput() throws Exception {
    time.runDue();
    return self();
  }

  @SuppressWarnings("unchecked")
  private H self() {
    return (H) this;
  }

  private void requirePhase(Phase expected, String action) {
    if (phase != expected) {
      throw new IllegalStateException("cannot " + action + " now: the harness is " + phase.name().toLowerCase()
          + (expected == Phase.NEW ? "; configure it before open()" : ""));
    }
  }
}

package io.tributary.api.testing;

import io.tributary.api.checkpoint.OperatorSnapshot;
import io.tributary.api.functions.KeySelector;
import io.tributary.api.functions.KeyedProcessFunction;
import io.tributary.api.functions.MapFunction;
import io.tributary.api.functions.ProcessFunction;
import io.tributary.api.operators.KeyedProcessOperator;
import io.tributary.api.operators.MapOperator;
import io.tributary.api.operators.OneInputOperator;
import io.tributary.api.operators.ProcessOperator;
import io.tributary.api.operators.Timestamps;
import java.util.List;

/**
 * Runs one operator the way a subtask does, so that functions can be tested without a cluster:
 * records with timestamps, watermarks, idleness, manual processing time, end of input; then the
 * output records, side outputs, forwarded watermarks and pending timers can be checked.
 * Confined to the test's thread.
 *
 * <pre>{@code
 * try (var harness = OperatorHarness.forKeyedProcess(Click::user, new SessionCounter())) {
 *   harness.open();
 *   harness.processElement(new Click("ann", "/home"), 1_000);
 *   harness.processElement(new Click("ann", "/cart"), 4_000);
 *   harness.processWatermark(65_000);        // fires the event-time timers up to 65 s
 *   harness.advanceProcessingTime(Duration.ofMinutes(1)); // fires processing-time timers
 *   assertThat(harness.extractOutputValues()).containsExactly(new Session("ann", 2));
 *   assertThat(harness.numPendingEventTimeTimers()).isZero();
 * }
 * }</pre>
 *
 * Window operators come from {@code WindowOperators}; give the harness a subtask with
 * {@link #withParallelism(int, int)} to check that keys land on the subtask that owns them.
 * Checkpoints: {@code snapshot(id)} takes the state a barrier would, {@link #restore} starts a new
 * harness from the snapshots of all old subtasks, at the same or another parallelism.
 */
public final class OperatorHarness<IN, OUT> extends HarnessBase<OUT, OperatorHarness<IN, OUT>> {
  private final OneInputOperator<IN, OUT> operator;

  private OperatorHarness(OneInputOperator<IN, OUT> operator) {
    super(operator);
    this.operator = operator;
  }

  public static <IN, OUT> OperatorHarness<IN, OUT> forOperator(OneInputOperator<IN, OUT> operator) {
    return new OperatorHarness<>(operator);
  }

  /**
   * Runs a copy of {@code operator} made by Java serialization, as every subtask of a job gets one:
   * fails at once when the operator or a function it holds is not serializable.
   */
  public static <IN, OUT> OperatorHarness<IN, OUT> forSerializedCopy(OneInputOperator<IN, OUT> operator) {
    return new OperatorHarness<>(SerializedCopy.of(operator));
  }

  /**
   * A harness that opens {@code operator} as subtask {@code subtaskIndex} of {@code parallelism},
   * restored from the snapshots every old subtask took (in old subtask order), redistributed the way
   * the engine does: key groups by range, list state round-robin, union state to all. Restore into a
   * fresh operator (e.g. a serialized copy) to test recovery, with another parallelism to test
   * rescaling. The restored checkpoint id is 0; use the overload with an id when the operator cares.
   */
  public static <IN, OUT> OperatorHarness<IN, OUT> restore(OneInputOperator<IN, OUT> operator,
      List<OperatorSnapshot> fromAllOldSubtasks, int parallelism, int subtaskIndex) {
    return restore(operator, fromAllOldSubtasks, 0, parallelism, subtaskIndex);
  }

  /** {@link #restore(OneInputOperator, List, int, int)} from checkpoint {@code checkpointId}. */
  public static <IN, OUT> OperatorHarness<IN, OUT> restore(OneInputOperator<IN, OUT> operator,
      List<OperatorSnapshot> fromAllOldSubtasks, long checkpointId, int parallelism, int subtaskIndex) {
    return new OperatorHarness<>(operator).restoringFrom(fromAllOldSubtasks, checkpointId, parallelism, subtaskIndex);
  }

  public static <K, IN, OUT> OperatorHarness<IN, OUT> forKeyedProcess(
      KeySelector<IN, K> keySelector, KeyedProcessFunction<K, IN, OUT> function) {
    return forOperator(new KeyedProcessOperator<>(keySelector, function));
  }

  public static <IN, OUT> OperatorHarness<IN, OUT> forProcess(ProcessFunction<IN, OUT> function) {
    return forOperator(new ProcessOperator<>(function));
  }

  public static <IN, OUT> OperatorHarness<IN, OUT> forMap(MapFunction<IN, OUT> function) {
    return forOperator(new MapOperator<>(function));
  }

  /** @param timestamp event time in epoch ms, or {@link Timestamps#NONE} */
  public OperatorHarness<IN, OUT> processElement(IN value, long timestamp) throws Exception {
    requireOpen();
    operator.processElement(value, timestamp);
    return afterInput();
  }

  /** A record without a timestamp. */
  public OperatorHarness<IN, OUT> processElement(IN value) throws Exception {
    return processElement(value, Timestamps.NONE);
  }

  public OperatorHarness<IN, OUT> processWatermark(long watermark) throws Exception {
    requireOpen();
    operator.processWatermark(watermark);
    return afterInput();
  }

  public OperatorHarness<IN, OUT> processIdle(boolean idle) throws Exception {
    requireOpen();
    operator.processIdle(idle);
    return afterInput();
  }

  /** The input ended: the final watermark ({@link Long#MAX_VALUE}), then {@code finish()}, as the engine does. */
  public OperatorHarness<IN, OUT> endInput() throws Exception {
    processWatermark(Long.MAX_VALUE);
    finishOperator();
    return this;
  }
}

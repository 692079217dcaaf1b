package io.tributary.api.testing;

import io.tributary.api.checkpoint.OperatorSnapshot;
import io.tributary.api.functions.CoProcessFunction;
import io.tributary.api.functions.KeySelector;
import io.tributary.api.functions.KeyedCoProcessFunction;
import io.tributary.api.operators.CoProcessOperator;
import io.tributary.api.operators.KeyedCoProcessOperator;
import io.tributary.api.operators.Timestamps;
import io.tributary.api.operators.TwoInputOperator;
import java.util.List;

/**
 * {@link OperatorHarness} for operators with two inputs (connect, joins): records, watermarks and
 * idleness per input. Confined to the test's thread.
 *
 * <pre>{@code
 * try (var harness = TwoInputHarness.forKeyedCoProcess(Order::id, Payment::orderId, new Matcher())) {
 *   harness.open();
 *   harness.processElement1(new Order("o1"), 10);
 *   harness.processElement2(new Payment("o1"), 12);
 *   harness.processWatermark1(20).processWatermark2(20);
 *   assertThat(harness.extractOutputValues()).containsExactly(new Paid("o1"));
 * }
 * }</pre>
 */
public final class TwoInputHarness<IN1, IN2, OUT> extends HarnessBase<OUT, TwoInputHarness<IN1, IN2, OUT>> {
  private final TwoInputOperator<IN1, IN2, OUT> operator;

  private TwoInputHarness(TwoInputOperator<IN1, IN2, OUT> operator) {
    super(operator);
    this.operator = operator;
  }

  public static <IN1, IN2, OUT> TwoInputHarness<IN1, IN2, OUT> forOperator(TwoInputOperator<IN1, IN2, OUT> operator) {
    return new TwoInputHarness<>(operator);
  }

  /** Runs a copy of {@code operator} made by Java serialization, as every subtask of a job gets one. */
  public static <IN1, IN2, OUT> TwoInputHarness<IN1, IN2, OUT> forSerializedCopy(TwoInputOperator<IN1, IN2, OUT> operator) {
    return new TwoInputHarness<>(SerializedCopy.of(operator));
  }

  /** Like {@link OperatorHarness#restore(io.tributary.api.operators.OneInputOperator, List, int, int)}. */
  public static <IN1, IN2, OUT> TwoInputHarness<IN1, IN2, OUT> restore(TwoInputOperator<IN1, IN2, OUT> operator,
      List<OperatorSnapshot> fromAllOldSubtasks, int parallelism, int subtaskIndex) {
    return restore(operator, fromAllOldSubtasks, 0, parallelism, subtaskIndex);
  }

  /** Restores from checkpoint {@code checkpointId}. */
  public static <IN1, IN2, OUT> TwoInputHarness<IN1, IN2, OUT> restore(TwoInputOperator<IN1, IN2, OUT> operator,
      List<OperatorSnapshot> fromAllOldSubtasks, long checkpointId, int parallelism, int subtaskIndex) {
    return new TwoInputHarness<>(operator).restoringFrom(fromAllOldSubtasks, checkpointId, parallelism, subtaskIndex);
  }

  public static <IN1, IN2, OUT> TwoInputHarness<IN1, IN2, OUT> forCoProcess(CoProcessFunction<IN1, IN2, OUT> function) {
    return forOperator(new CoProcessOperator<>(function));
  }

  public static <K, IN1, IN2, OUT> TwoInputHarness<IN1, IN2, OUT> forKeyedCoProcess(
      KeySelector<IN1, K> keySelector1, KeySelector<IN2, K> keySelector2, KeyedCoProcessFunction<K, IN1, IN2, OUT> function) {
    return forOperator(new KeyedCoProcessOperator<>(keySelector1, keySelector2, function));
  }

  /** @param timestamp event time in epoch ms, or {@link Timestamps#NONE} */
  public TwoInputHarness<IN1, IN2, OUT> processElement1(IN1 value, long timestamp) throws Exception {
    requireOpen();
    operator.processElement1(value, timestamp);
    return afterInput();
  }

  public TwoInputHarness<IN1, IN2, OUT> processElement2(IN2 value, long timestamp) throws Exception {
    requireOpen();
    operator.processElement2(value, timestamp);
    return afterInput();
  }

  public TwoInputHarness<IN1, IN2, OUT> processWatermark1(long watermark) throws Exception {
    requireOpen();
    operator.processWatermark1(watermark);
    return afterInput();
  }

  public TwoInputHarness<IN1, IN2, OUT> processWatermark2(long watermark) throws Exception {
    requireOpen();
    operator.processWatermark2(watermark);
    return afterInput();
  }

  /** Input 1 or 2 became idle (true) or active again (false). */
  public TwoInputHarness<IN1, IN2, OUT> processIdle(int input, boolean idle) throws Exception {
    requireOpen();
    operator.processIdle(input, idle);
    return afterInput();
  }

  /** Both inputs ended: the final watermark on each, then {@code finish()}. */
  public TwoInputHarness<IN1, IN2, OUT> endInput() throws Exception {
    processWatermark1(Long.MAX_VALUE);
    processWatermark2(Long.MAX_VALUE);
    finishOperator();
    return this;
  }
}

package io.tributary.api.operators;

import io.tributary.api.functions.Function;
import io.tributary.api.functions.KeySelector;
import io.tributary.api.functions.OutputTag;
import io.tributary.api.functions.ProcessJoinFunction;
import io.tributary.api.state.MapState;
import io.tributary.api.state.MapStateDescriptor;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Interval join of two keyed streams: a left record at time t joins every right record of its key
 * with a time in [t + lower, t + upper]. Both sides are buffered in keyed state by timestamp; each
 * arriving record is joined with the other side's buffer, and an event-time timer removes a buffered
 * record once the watermark passes the last time a partner could have (t + upper for the left,
 * t - lower for the right). Records at or behind the watermark are late and dropped (counted).
 * Output records carry the later of the two timestamps. Confined to the subtask's thread.
 */
public final class IntervalJoinOperator<K, IN1, IN2, OUT> extends AbstractTwoInputOperator<IN1, IN2, OUT> {
  private static final long serialVersionUID = 1L;

  /** Names a cleanup timer: which side, and the buffered timestamp it removes. */
  private record Cleanup(boolean left, long timestamp) implements Serializable {}

  private final KeySelector<IN1, K> keySelector1;
  private final KeySelector<IN2, K> keySelector2;
  private final long lowerBound;
  private final long upperBound;
  private final ProcessJoinFunction<IN1, IN2, OUT> function;
  private transient MapState<Long, List<IN1>> leftBuffer;
  private transient MapState<Long, List<IN2>> rightBuffer;
  private transient TimestampedCollector<OUT> collector;
  private transient JoinContext ctx;
  private transient long lateRecordsDropped;

  public IntervalJoinOperator(KeySelector<IN1, K> keySelector1, KeySelector<IN2, K> keySelector2, long lowerBoundMs,
      long upperBoundMs, ProcessJoinFunction<IN1, IN2, OUT> function) {
    if (lowerBoundMs > upperBoundMs) {
      throw new IllegalArgumentException("an interval join needs lower <= upper, got between(" + lowerBoundMs + " ms, "
          + upperBoundMs + " ms)");
    }
    this.keySelector1 = keySelector1;
    this.keySelector2 = keySelector2;
    this.lowerBound = lowerBoundMs;
    this.upperBound = upperBoundMs;
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
    leftBuffer = keyedStateBackend().getMapState(new MapStateDescriptor<>("_interval-left"));
    rightBuffer = keyedStateBackend().getMapState(new MapStateDescriptor<>("_interval-right"));
    collector = new TimestampedCollector<>(output);
    ctx = new JoinContext();
  }

  /** Records dropped because they were at or behind the watermark. */
  public long lateRecordsDropped() {
    return lateRecordsDropped;
  }

  @Override
  public void processElement1(IN1 value, long timestamp) throws Exception {
    requireTimestamp(timestamp);
    setCurrentKey(keySelector1.getKey(value));
    if (timestamp <= currentWatermark()) {
      lateRecordsDropped++;
      return;
    }
    add(leftBuffer, value, timestamp);
    long from = saturatedAdd(timestamp, lowerBound);
    long to = saturatedAdd(timestamp, upperBound);
    for (Map.Entry<Long, List<IN2>> entry : rightBuffer.entries()) {
      long rightTs = entry.getKey();
      if (rightTs >= from && rightTs <= to) {
        for (IN2 right : entry.getValue()) {
          emit(value, right, timestamp, rightTs);
        }
      }
    }
    timerService().registerEventTimeTimer(new Cleanup(true, timestamp), to);
  }

  @Override
  public void processElement2(IN2 value, long timestamp) throws Exception {
    requireTimestamp(timestamp);
    setCurrentKey(keySelector2.getKey(value));
    if (timestamp <= currentWatermark()) {
      lateRecordsDropped++;
      return;
    }
    add(rightBuffer, value, timestamp);
    long from = saturatedAdd(timestamp, -upperBound);
    long to = saturatedAdd(timestamp, -lowerBound);
    for (Map.Entry<Long, List<IN1>> entry : leftBuffer.entries()) {
      long leftTs = entry.getKey();
      if (leftTs >= from && leftTs <= to) {
        for (IN1 left : entry.getValue()) {
          emit(left, value, leftTs, timestamp);
        }
      }
    }
    timerService().registerEventTimeTimer(new Cleanup(false, timestamp), to);
  }

  @Override
  public void onEventTime(InternalTimer timer) {
    Cleanup cleanup = (Cleanup) timer.namespace();
    if (cleanup.left()) {
      leftBuffer.remove(cleanup.timestamp());
    } else {
      rightBuffer.remove(cleanup.timestamp());
    }
  }

  private void emit(IN1 left, IN2 right, long leftTs, long rightTs) throws Exception {
    ctx.leftTs = leftTs;
    ctx.rightTs = rightTs;
    collector.setTimestamp(Math.max(leftTs, rightTs));
    function.processElement(left, right, ctx, collector);
  }

  private static <T> void add(MapState<Long, List<T>> buffer, T value, long timestamp) {
    List<T> list = buffer.get(timestamp);
    if (list == null) {
      list = new ArrayList<>(2);
      buffer.put(timestamp, list);
    }
    list.add(value);
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    if (((a ^ sum) & (b ^ sum)) < 0) {
      return b > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
    }
    return sum;
  }

  /** The context of one joined pair. */
  private final class JoinContext extends ProcessJoinFunction<IN1, IN2, OUT>.Context {
    private long leftTs;
    private long rightTs;

    JoinContext() {
      function.super();
    }

    @Override
    public long leftTimestamp() {
      return leftTs;
    }

    @Override
    public long rightTimestamp() {
      return rightTs;
    }

    @Override
    public long timestamp() {
      return Math.max(leftTs, rightTs);
    }

    @Override
    public <X> void output(OutputTag<X> tag, X value) {
      IntervalJoinOperator.this.output().collect(tag, value, timestamp());
    }
  }
}

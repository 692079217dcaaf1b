package io.tributary.api.operators;

/**
 * Base of two-input operators: the operator's watermark is the minimum over the inputs that are not
 * idle, so a silent input does not hold event time back; it is idle itself only when both inputs are.
 * Confined to the subtask's thread.
 */
public abstract class AbstractTwoInputOperator<IN1, IN2, OUT> extends AbstractStreamOperator<OUT>
    implements TwoInputOperator<IN1, IN2, OUT> {
  private static final long serialVersionUID = 1L;

  private transient long watermark1;
  private transient long watermark2;
  private transient boolean idle1;
  private transient boolean idle2;
  private transient boolean idleEmitted;

  @Override
  public void open(OperatorContext context, Output<OUT> output) throws Exception {
    watermark1 = Long.MIN_VALUE;
    watermark2 = Long.MIN_VALUE;
    idle1 = false;
    idle2 = false;
    idleEmitted = false;
    super.open(context, output);
  }

  @Override
  public void processWatermark1(long watermark) throws Exception {
    watermark1 = Math.max(watermark1, watermark);
    idle1 = false;
    combine();
  }

  @Override
  public void processWatermark2(long watermark) throws Exception {
    watermark2 = Math.max(watermark2, watermark);
    idle2 = false;
    combine();
  }

  @Override
  public void processIdle(int input, boolean idle) throws Exception {
    if (input == 1) {
      idle1 = idle;
    } else if (input == 2) {
      idle2 = idle;
    } else {
      throw new IllegalArgumentException("a two-input operator has inputs 1 and 2, got " + input);
    }
    combine();
  }

  /** Always a two-input operator: the one-input idleness signal has no meaning here. */
  @Override
  public final void processIdle(boolean idle) {
    throw new UnsupportedOperationException("use processIdle(input, idle) on a two-input operator");
  }

  /** Always a two-input operator: use processWatermark1 or processWatermark2. */
  @Override
  public final void processWatermark(long watermark) {
    throw new UnsupportedOperationException("use processWatermark1 or processWatermark2 on a two-input operator");
  }

  private void combine() throws Exception {
    boolean bothIdle = idle1 && idle2;
    if (bothIdle != idleEmitted) {
      idleEmitted = bothIdle;
      output().emitIdle(bothIdle);
    }
    if (bothIdle) {
      return;
    }
    long combined = idle1 ? watermark2 : idle2 ? watermark1 : Math.min(watermark1, watermark2);
    advanceWatermark(combined);
  }
}

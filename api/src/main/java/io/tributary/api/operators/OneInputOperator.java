package io.tributary.api.operators;

public interface OneInputOperator<IN, OUT> extends StreamOperator<OUT> {
  void processElement(IN value, long timestamp) throws Exception;

  /** The input's watermark (the minimum over its channels); the operator fires timers and forwards it. */
  void processWatermark(long watermark) throws Exception;

  /** The whole input became idle or active; stateless operators forward it. */
  default void processIdle(boolean idle) throws Exception {}
}

package io.tributary.api.operators;

/** Two inputs of possibly different types; the operator's watermark is the minimum of both. */
public interface TwoInputOperator<IN1, IN2, OUT> extends StreamOperator<OUT> {
  void processElement1(IN1 value, long timestamp) throws Exception;

  void processElement2(IN2 value, long timestamp) throws Exception;

  void processWatermark1(long watermark) throws Exception;

  void processWatermark2(long watermark) throws Exception;

  /** Input 1 or 2 became idle or active: an idle input does not hold back the operator's watermark. */
  default void processIdle(int input, boolean idle) throws Exception {}
}

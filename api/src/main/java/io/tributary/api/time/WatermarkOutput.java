package io.tributary.api.time;

public interface WatermarkOutput {
  /** Emits a watermark; one not above the last emitted is ignored. */
  void emitWatermark(long watermark);

  /** This input produces nothing for now: downstream operators stop waiting for its watermark. */
  void markIdle();

  void markActive();
}

package io.tributary.api.time;

/** What a watermark generator may use: the processing-time clock (for idleness). */
public interface WatermarkGeneratorContext {
  long currentProcessingTime();
}

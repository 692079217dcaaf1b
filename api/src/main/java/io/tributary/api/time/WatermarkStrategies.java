package io.tributary.api.time;

import java.time.Duration;

/** The built-in watermark strategies. Generators are confined to their subtask's thread. */
final class WatermarkStrategies {
  private WatermarkStrategies() {}

  record BoundedOutOfOrderness<T>(Duration maxOutOfOrderness) implements WatermarkStrategy<T> {
    BoundedOutOfOrderness {
      if (maxOutOfOrderness.isNegative()) {
        throw new IllegalArgumentException("maxOutOfOrderness must not be negative: " + maxOutOfOrderness);
      }
    }

    @Override
    public WatermarkGenerator<T> createWatermarkGenerator(WatermarkGeneratorContext context) {
      long delay = maxOutOfOrderness.toMillis();
      return new WatermarkGenerator<>() {
        private long maxTimestamp = Long.MIN_VALUE + delay + 1;

        @Override
        public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
          maxTimestamp = Math.max(maxTimestamp, eventTimestamp);
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
          output.emitWatermark(maxTimestamp - delay - 1);
        }
      };
    }
  }

  record None<T>() implements WatermarkStrategy<T> {
    @Override
    public WatermarkGenerator<T> createWatermarkGenerator(WatermarkGeneratorContext context) {
      return new WatermarkGenerator<>() {
        @Override
        public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {}
      };
    }
  }

  record WithAssigner<T>(WatermarkStrategy<T> base, TimestampAssigner<T> assigner) implements WatermarkStrategy<T> {
    @Override
    public WatermarkGenerator<T> createWatermarkGenerator(WatermarkGeneratorContext context) {
      return base.createWatermarkGenerator(context);
    }

    @Override
    public TimestampAssigner<T> createTimestampAssigner() {
      return assigner;
    }
  }

  record WithIdleness<T>(WatermarkStrategy<T> base, Duration timeout) implements WatermarkStrategy<T> {
    WithIdleness {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("idleness timeout must be positive: " + timeout);
      }
    }

    @Override
    public TimestampAssigner<T> createTimestampAssigner() {
      return base.createTimestampAssigner();
    }

    @Override
    public WatermarkGenerator<T> createWatermarkGenerator(WatermarkGeneratorContext context) {
      WatermarkGenerator<T> inner = base.createWatermarkGenerator(context);
      long timeoutMs = timeout.toMillis();
      return new WatermarkGenerator<>() {
        private long lastEventAt = context.currentProcessingTime();
        private boolean idle;

        @Override
        public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
          lastEventAt = context.currentProcessingTime();
          if (idle) {
            idle = false;
            output.markActive();
          }
          inner.onEvent(event, eventTimestamp, output);
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
          if (!idle && context.currentProcessingTime() - lastEventAt >= timeoutMs) {
            idle = true;
            output.markIdle();
          }
          if (!idle) {
            inner.onPeriodicEmit(output);
          }
        }
      };
    }
  }
}

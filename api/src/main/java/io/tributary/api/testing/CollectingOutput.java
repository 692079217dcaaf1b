package io.tributary.api.testing;

import io.tributary.api.functions.OutputTag;
import io.tributary.api.operators.Output;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link Output} that keeps what an operator emitted: records, side-output records, watermarks and
 * idleness changes, in order. Confined to the test's thread.
 */
final class CollectingOutput<T> implements Output<T> {
  private final List<TimestampedValue<T>> records = new ArrayList<>();
  private final Map<OutputTag<?>, List<TimestampedValue<?>>> sideOutputs = new LinkedHashMap<>();
  private final List<Long> watermarks = new ArrayList<>();
  private final List<Boolean> idleChanges = new ArrayList<>();

  @Override
  public void collect(T value, long timestamp) {
    records.add(new TimestampedValue<>(value, timestamp));
  }

  @Override
  public <X> void collect(OutputTag<X> tag, X value, long timestamp) {
    sideOutputs.computeIfAbsent(tag, t -> new ArrayList<>()).add(new TimestampedValue<>(value, timestamp));
  }

  @Override
  public void emitWatermark(long watermark) {
    if (!watermarks.isEmpty() && watermark < watermarks.get(watermarks.size() - 1)) {
      throw new IllegalStateException("the operator emitted watermark " + watermark + " after "
          + watermarks.get(watermarks.size() - 1) + "; watermarks must never go back");
    }
    watermarks.add(watermark);
  }

  @Override
  public void emitIdle(boolean idle) {
    idleChanges.add(idle);
  }

  List<TimestampedValue<T>> records() {
    return records;
  }

  @SuppressWarnings("unchecked")
  <X> List<TimestampedValue<X>> sideOutput(OutputTag<X> tag) {
    List<TimestampedValue<?>> list = sideOutputs.get(tag);
    List<TimestampedValue<X>> result = new ArrayList<>();
    if (list != null) {
      list.forEach(r -> result.add((TimestampedValue<X>) r));
    }
    return result;
  }

  List<Long> watermarks() {
    return watermarks;
  }

  List<Boolean> idleChanges() {
    return idleChanges;
  }

  void clear() {
    records.clear();
    sideOutputs.clear();
    watermarks.clear();
    idleChanges.clear();
  }
}

package io.tributary.api.fakes;

import io.tributary.api.functions.OutputTag;
import io.tributary.api.operators.Output;
import java.util.ArrayList;
import java.util.List;

/** Records everything an operator emits, in order. Confined to the test thread. */
public final class RecordingOutput<T> implements Output<T> {
  /** One emitted element: a record (tag null for the main output), a watermark or an idleness change. */
  public record Event(String kind, Object value, long timestamp, OutputTag<?> tag) {
    public static Event record(Object value, long timestamp) {
      return new Event("record", value, timestamp, null);
    }

    public static Event watermark(long watermark) {
      return new Event("watermark", null, watermark, null);
    }

    public static Event idle(boolean idle) {
      return new Event("idle", idle, 0, null);
    }
  }

  private final List<Event> events = new ArrayList<>();

  public List<Event> events() {
    return events;
  }

  public List<Long> watermarks() {
    return events.stream().filter(e -> e.kind().equals("watermark")).map(Event::timestamp).toList();
  }

  public List<Object> values() {
    return events.stream().filter(e -> e.kind().equals("record")).map(Event::value).toList();
  }

  @Override
  public void collect(T value, long timestamp) {
    events.add(Event.record(value, timestamp));
  }

  @Override
  public <X> void collect(OutputTag<X> tag, X value, long timestamp) {
    events.add(new Event("record", value, timestamp, tag));
  }

  @Override
  public void emitWatermark(long watermark) {
    events.add(Event.watermark(watermark));
  }

  @Override
  public void emitIdle(boolean idle) {
    events.add(Event.idle(idle));
  }
}

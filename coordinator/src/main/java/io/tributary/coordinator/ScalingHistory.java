package io.tributary.coordinator;

import io.tributary.common.stream.MetadataJson;
import java.util.ArrayList;
import java.util.List;

/**
 * A stream's scaling history as read from its node: the events, newest first, and the node's
 * version (-1 when the node does not exist yet). Immutable.
 *
 * <p>The history is bounded so that the node stays small however often a stream is rescaled.
 */
record ScalingHistory(List<ScalingRecord> events, int version) {
  static final int KEPT = 20;
  static final ScalingHistory NONE = new ScalingHistory(List.of(), -1);

  ScalingHistory {
    events = List.copyOf(events);
  }

  /** The JSON form of the node: an object, so fields can be added later. */
  record Stored(List<ScalingRecord> events) {
    Stored {
      events = events == null ? List.of() : List.copyOf(events);
    }
  }

  static ScalingHistory parse(byte[] json, int version) {
    return new ScalingHistory(MetadataJson.read(json, Stored.class).events(), version);
  }

  boolean exists() {
    return version >= 0;
  }

  /** When the newest event happened, or -1 when there is none. */
  long lastMillis() {
    return events.isEmpty() ? -1 : events.get(0).atMillis();
  }

  /** The node's content with {@code event} added in front, the oldest beyond the bound dropped. */
  byte[] withNewest(ScalingRecord event) {
    List<ScalingRecord> next = new ArrayList<>(KEPT);
    next.add(event);
    for (int i = 0; i < events.size() && next.size() < KEPT; i++) {
      next.add(events.get(i));
    }
    return MetadataJson.write(new Stored(next));
  }
}

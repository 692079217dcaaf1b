package io.tributary.api.sinks;

import io.tributary.api.sources.ConnectorContext;
import java.io.Serializable;

/** A parallel sink: each subtask writes through its own writer. */
public interface Sink<T> extends Serializable {
  SinkWriter<T> createWriter(ConnectorContext context) throws Exception;
}

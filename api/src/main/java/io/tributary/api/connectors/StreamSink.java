package io.tributary.api.connectors;

import io.tributary.api.sinks.Sink;
import io.tributary.api.sinks.SinkWriter;
import io.tributary.api.sources.ConnectorContext;

/** Writes records to a stream through an idempotent producer. */
public record StreamSink<T>(String stream, StreamRecordSerializer<T> serializer) implements Sink<T> {
  public StreamSink {
    if (stream == null || stream.isBlank()) {
      throw new IllegalArgumentException("a stream sink needs a stream name");
    }
  }

  @Override
  public SinkWriter<T> createWriter(ConnectorContext context) throws Exception {
    return context.connector(StreamConnector.class).createWriter(this, context);
  }
}

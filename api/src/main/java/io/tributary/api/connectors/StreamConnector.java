package io.tributary.api.connectors;

import io.tributary.api.sinks.SinkWriter;
import io.tributary.api.sources.ConnectorContext;
import io.tributary.api.sources.SourceReader;

/**
 * Reads and writes Tributary streams; implemented by the worker with the client library and
 * obtained through {@link ConnectorContext#connector}. Tests may provide an in-memory one.
 */
public interface StreamConnector {
  /**
   * A reader of this subtask's share of the stream's shards: every shard is read by exactly one
   * subtask, a child shard only after its parents were read to their end.
   */
  <T> SourceReader<T> createReader(StreamSource<T> source, ConnectorContext context) throws Exception;

  <T> SinkWriter<T> createWriter(StreamSink<T> sink, ConnectorContext context) throws Exception;
}

package io.tributary.api.connectors;

import io.tributary.api.sources.ConnectorContext;
import io.tributary.api.sources.Source;
import io.tributary.api.sources.SourceReader;

/**
 * Reads every shard of a stream, following splits and merges. Records carry their arrival time as
 * timestamp until a watermark strategy assigns event time. Unbounded.
 */
public record StreamSource<T>(String stream, StartingPosition start, StreamRecordDeserializer<T> deserializer)
    implements Source<T> {
  public StreamSource {
    if (stream == null || stream.isBlank()) {
      throw new IllegalArgumentException("a stream source needs a stream name");
    }
  }

  public static StreamSource<String> utf8(String stream, StartingPosition start) {
    return new StreamSource<>(stream, start, StreamRecordDeserializer.utf8());
  }

  @Override
  public boolean bounded() {
    return false;
  }

  @Override
  public SourceReader<T> createReader(ConnectorContext context) throws Exception {
    return context.connector(StreamConnector.class).createReader(this, context);
  }
}

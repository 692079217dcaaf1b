package io.tributary.api.connectors;

import io.tributary.api.sources.ConnectorContext;
import io.tributary.api.sources.Source;
import io.tributary.api.sources.SourceReader;

/**
 * Reads every shard of a stream, following splits and merges. Records carry their arrival time as
 * timestamp until a watermark strategy assigns event time.
 *
 * <p>Unbounded unless made {@link #untilLatestAtStart()}: then each reader notes, when it first
 * opens, the last sequence number of every shard it owns, reads each shard up to that record (a
 * shard created later is not read) and ends its input. The noted ends are part of its checkpoints,
 * so a job restarted from one reads the same records.
 *
 * @param bounded whether reading stops at the shards' ends at job start
 */
public record StreamSource<T>(String stream, StartingPosition start, StreamRecordDeserializer<T> deserializer,
    boolean bounded) implements Source<T> {
  public StreamSource {
    if (stream == null || stream.isBlank()) {
      throw new IllegalArgumentException("a stream source needs a stream name");
    }
  }

  /** An unbounded source. */
  public StreamSource(String stream, StartingPosition start, StreamRecordDeserializer<T> deserializer) {
    this(stream, start, deserializer, false);
  }

  public static StreamSource<String> utf8(String stream, StartingPosition start) {
    return new StreamSource<>(stream, start, StreamRecordDeserializer.utf8());
  }

  /** This source, reading only what the stream held when the job started, then ending its input. */
  public StreamSource<T> untilLatestAtStart() {
    return new StreamSource<>(stream, start, deserializer, true);
  }

  @Override
  public SourceReader<T> createReader(ConnectorContext context) throws Exception {
    return context.connector(StreamConnector.class).createReader(this, context);
  }
}

package io.tributary.worker.connectors;

import io.tributary.api.connectors.StreamRecordSerializer;
import io.tributary.api.sinks.SinkWriter;
import io.tributary.client.Producer;
import io.tributary.client.PutResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Writes one sink subtask's records to a stream through an idempotent producer. Confined to the
 * subtask's thread (the producer itself is thread-safe).
 *
 * <p>The first failed record fails the subtask at the next write or flush, so a sink never reports
 * success for records the stream refused.
 */
final class StreamSinkWriter<T> implements SinkWriter<T> {
  private final Producer producer;
  private final StreamRecordSerializer<T> serializer;
  private volatile Throwable failure;

  StreamSinkWriter(Producer producer, StreamRecordSerializer<T> serializer) {
    this.producer = producer;
    this.serializer = serializer;
  }

  @Override
  public void write(T value, long timestamp) throws Exception {
    throwIfFailed();
    CompletableFuture<PutResult> sent = producer.send(serializer.partitionKey(value), serializer.data(value));
    sent.whenComplete((r, e) -> {
      if (e != null && failure == null) {
        failure = e;
      }
    });
  }

  @Override
  public void flush(boolean endOfInput) throws Exception {
    producer.flush();
    throwIfFailed();
  }

  private void throwIfFailed() throws Exception {
    Throwable f = failure;
    if (f != null) {
      throw new ExecutionException("a record could not be written to the stream: " + f.getMessage(), f);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}

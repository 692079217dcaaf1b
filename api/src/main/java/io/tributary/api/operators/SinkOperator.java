package io.tributary.api.operators;

import io.tributary.api.sinks.Sink;
import io.tributary.api.sinks.SinkWriter;
import java.util.Objects;

/**
 * The end of a chain: hands every record to the subtask's {@link SinkWriter} (created in open,
 * flushed with endOfInput at finish, closed at close). Emits nothing. Confined to the subtask's
 * thread.
 */
public final class SinkOperator<T> implements OneInputOperator<T, Void> {
  private static final long serialVersionUID = 1L;

  private final Sink<T> sink;
  private transient SinkWriter<T> writer;

  public SinkOperator(Sink<T> sink) {
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  public Sink<T> sink() {
    return sink;
  }

  @Override
  public void open(OperatorContext context, Output<Void> output) throws Exception {
    writer = sink.createWriter(context);
  }

  @Override
  public void processElement(T value, long timestamp) throws Exception {
    writer.write(value, timestamp);
  }

  @Override
  public void processWatermark(long watermark) {}

  @Override
  public void finish() throws Exception {
    writer.flush(true);
  }

  @Override
  public void close() throws Exception {
    if (writer != null) {
      SinkWriter<T> closing = writer;
      writer = null;
      closing.close();
    }
  }
}

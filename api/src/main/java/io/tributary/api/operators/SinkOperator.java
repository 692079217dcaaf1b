package io.tributary.api.operators;

import io.tributary.api.checkpoint.OperatorRestore;
import io.tributary.api.checkpoint.OperatorSnapshot;
import io.tributary.api.sinks.Sink;
import io.tributary.api.sinks.SinkWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The end of a chain: hands every record to the subtask's {@link SinkWriter} (created in open,
 * flushed with endOfInput at finish, closed at close). Emits nothing. At a checkpoint the writer's
 * committables become list state {@value #PENDING}; after a restore the writer receives its share
 * through {@code restoredState()} and commits it again. Confined to the subtask's thread.
 */
public final class SinkOperator<T> implements OneInputOperator<T, Void> {
  private static final long serialVersionUID = 1L;

  private final Sink<T> sink;
  /** The list state holding what writers prepared to commit. */
  public static final String PENDING = "pending";

  private transient SinkWriter<T> writer;
  private transient OperatorRestore restored;

  public SinkOperator(Sink<T> sink) {
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  public Sink<T> sink() {
    return sink;
  }

  @Override
  public void initializeState(OperatorRestore restore) {
    this.restored = restore;
  }

  @Override
  public void open(OperatorContext context, Output<Void> output) throws Exception {
    OperatorContext writerContext = context;
    if (restored != null) {
      writerContext = new RestoredOperatorContext(context, restored.list(PENDING), restored.checkpointId());
      restored = null;
    }
    writer = sink.createWriter(writerContext);
  }

  @Override
  public OperatorSnapshot snapshotState(long checkpointId) throws Exception {
    List<Object> pending = writer.snapshotState(checkpointId);
    return pending.isEmpty() ? OperatorSnapshot.EMPTY
        : new OperatorSnapshot(Map.of(), Map.of(PENDING, new ArrayList<>(pending)), Map.of());
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) throws Exception {
    writer.notifyCheckpointComplete(checkpointId);
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

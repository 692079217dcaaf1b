package io.tributary.api.sinks;

/** Writes one subtask's records. Called on the subtask's thread only. */
public interface SinkWriter<T> extends AutoCloseable {
  void write(T value, long timestamp) throws Exception;

  /** Makes written records durable/visible; called at the end of input. */
  default void flush(boolean endOfInput) throws Exception {}

  /**
   * Prepares a commit at a checkpoint: returns what must be committed once the checkpoint completes
   * (e.g. closed part files, buffered records with their sequence numbers). Stored as list state;
   * after a restart the writer that receives them through {@link
   * io.tributary.api.sources.ConnectorContext#restoredState()} commits them again — commits must be
   * idempotent, so that output is exactly once.
   */
  default java.util.List<Object> snapshotState(long checkpointId) throws Exception {
    return java.util.List.of();
  }

  /** Commits what {@link #snapshotState} prepared for this and earlier checkpoints. */
  default void notifyCheckpointComplete(long checkpointId) throws Exception {}

  @Override
  default void close() throws Exception {}
}

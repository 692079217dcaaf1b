package io.tributary.api.sources;

/**
 * Reads one subtask's share of a source. Called on the subtask's thread only. Each call emits a
 * bounded batch (a few hundred records at most) so that the engine can interleave timers,
 * watermarks and, later, checkpoint barriers.
 */
public interface SourceReader<T> extends AutoCloseable {
  InputStatus pollNext(SourceOutput<T> output) throws Exception;

  /**
   * This reader's positions at a checkpoint (e.g. per shard the last sequence emitted), taken on the
   * subtask's thread between two {@code pollNext} calls. Restored as union state: every subtask of
   * the restarted (possibly rescaled) source receives all entries through
   * {@link ConnectorContext#restoredState()} and keeps those of the splits it owns.
   */
  default java.util.List<Object> snapshotState(long checkpointId) throws Exception {
    return java.util.List.of();
  }

  default void notifyCheckpointComplete(long checkpointId) throws Exception {}

  @Override
  default void close() throws Exception {}
}

package io.tributary.api.sources;

/**
 * Reads one subtask's share of a source. Called on the subtask's thread only. Each call emits a
 * bounded batch (a few hundred records at most) so that the engine can interleave timers,
 * watermarks and, later, checkpoint barriers.
 */
public interface SourceReader<T> extends AutoCloseable {
  InputStatus pollNext(SourceOutput<T> output) throws Exception;

  @Override
  default void close() throws Exception {}
}

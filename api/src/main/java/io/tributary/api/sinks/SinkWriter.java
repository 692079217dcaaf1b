package io.tributary.api.sinks;

/** Writes one subtask's records. Called on the subtask's thread only. */
public interface SinkWriter<T> extends AutoCloseable {
  void write(T value, long timestamp) throws Exception;

  /** Makes written records durable/visible; called at the end of input (and, later, at checkpoints). */
  default void flush(boolean endOfInput) throws Exception {}

  @Override
  default void close() throws Exception {}
}

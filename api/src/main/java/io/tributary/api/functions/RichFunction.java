package io.tributary.api.functions;

/**
 * A function with a lifecycle: opened once per subtask before the first record, closed after the
 * last. Implement it to create state handles or connections. Called on the subtask's thread.
 */
public interface RichFunction extends Function {
  default void open(RuntimeContext context) throws Exception {}

  default void close() throws Exception {}
}

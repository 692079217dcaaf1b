package io.tributary.api.sources;

import io.tributary.api.functions.Function;

/** Makes the record with a given index (0, 1, 2, ... over all subtasks) for a {@link GeneratorSource}.
 * Called on the subtask's thread only. */
@FunctionalInterface
public interface GeneratorFunction<T> extends Function {
  T map(long index) throws Exception;
}

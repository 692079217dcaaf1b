package io.tributary.api.operators;

import io.tributary.api.functions.Function;
import io.tributary.api.functions.RichFunction;
import io.tributary.api.functions.RuntimeContext;

/**
 * The runtime context of a function on a non-keyed stream: subtask facts, and state getters that
 * explain why there is no state. Stateless helpers; the contexts they make are confined to the
 * subtask's thread. Keyed state is scoped by key, so it only exists behind keyBy.
 */
public final class NonKeyedRuntimeContext {
  private NonKeyedRuntimeContext() {}

  /** A context whose state getters fail, naming keyBy as the fix. */
  public static RuntimeContext of(OperatorContext context) {
    return new OperatorRuntimeContext(context, null);
  }

  /** Opens {@code function} when it is a {@link RichFunction}. */
  public static void open(Function function, OperatorContext context) throws Exception {
    if (function instanceof RichFunction rich) {
      rich.open(of(context));
    }
  }

  /** Closes {@code function} when it is a {@link RichFunction}. */
  public static void close(Function function) throws Exception {
    if (function instanceof RichFunction rich) {
      rich.close();
    }
  }
}

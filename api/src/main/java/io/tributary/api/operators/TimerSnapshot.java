package io.tributary.api.operators;

import java.io.Serializable;

/**
 * A pending timer in a checkpoint: its key, namespace and time, and {@code order}, its position in
 * the operator's firing order, so that timers of one time fire after a restore in the order they
 * would have. Immutable.
 */
public record TimerSnapshot(Object key, Object namespace, long time, long order) implements Serializable {
  private static final long serialVersionUID = 1L;
}

package io.tributary.api;

import io.tributary.api.functions.KeySelector;

/** The key of global (non-keyed) windows: every record the same, so one subtask sees them all.
 * Stateless; thread-safe. */
final class ConstantKey<T> implements KeySelector<T, Integer> {
  private static final long serialVersionUID = 1L;
  private static final Integer KEY = 0;

  @Override
  public Integer getKey(T value) {
    return KEY;
  }
}

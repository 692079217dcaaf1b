package io.tributary.api.state;

/** Keyed state: every handle reads and writes the value of the current key. */
public interface State {
  void clear();
}

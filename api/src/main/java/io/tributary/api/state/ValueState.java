package io.tributary.api.state;

public interface ValueState<T> extends State {
  /** The current key's value, or the descriptor's default (null unless given). */
  T value();

  /** Sets the current key's value; {@code null} clears it. */
  void update(T value);
}

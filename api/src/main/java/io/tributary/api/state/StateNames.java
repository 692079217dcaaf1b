package io.tributary.api.state;

final class StateNames {
  private StateNames() {}

  static void check(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a state descriptor needs a non-empty name");
    }
  }
}

package io.tributary.api.operators;

public final class Timestamps {
  /** The timestamp of a record that has none. */
  public static final long NONE = Long.MIN_VALUE;

  private Timestamps() {}
}

package io.tributary.api.graph;

import java.io.Serializable;

/** An inclusive range of key groups; empty when {@code end < start}. */
public record KeyGroupRange(int start, int end) implements Serializable {
  public boolean contains(int keyGroup) {
    return keyGroup >= start && keyGroup <= end;
  }

  public int size() {
    return Math.max(0, end - start + 1);
  }
}

package io.tributary.api.functions;

import java.io.Serializable;
import java.util.Objects;

/**
 * Names a side output: records a function emits to it go to the stream returned by
 * {@code getSideOutput(tag)}. Equal ids are the same output.
 */
public final class OutputTag<T> implements Serializable {
  private static final long serialVersionUID = 1L;
  private final String id;

  public OutputTag(String id) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("an OutputTag needs a non-empty id");
    }
    this.id = id;
  }

  public String id() {
    return id;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OutputTag<?> other && other.id.equals(id);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id);
  }

  @Override
  public String toString() {
    return "OutputTag(" + id + ")";
  }
}

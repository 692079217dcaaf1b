package io.tributary.api.state;

import java.io.Serializable;

/** Names a value state; the name is unique within an operator. */
public record ValueStateDescriptor<T>(String name, T defaultValue) implements Serializable {
  public ValueStateDescriptor {
    StateNames.check(name);
  }

  public ValueStateDescriptor(String name) {
    this(name, null);
  }
}

package io.tributary.api.state;

import java.io.Serializable;

public record ListStateDescriptor<T>(String name) implements Serializable {
  public ListStateDescriptor {
    StateNames.check(name);
  }
}

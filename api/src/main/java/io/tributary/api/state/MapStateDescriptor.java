package io.tributary.api.state;

import java.io.Serializable;

public record MapStateDescriptor<K, V>(String name) implements Serializable {
  public MapStateDescriptor {
    StateNames.check(name);
  }
}

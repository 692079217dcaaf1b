package io.tributary.broker;

import io.tributary.common.stream.StreamNames;

/**
 * One incarnation of a stream: its name and the uid it got when it was created. A stream deleted and
 * created again under the same name is a different incarnation, stored apart. Immutable.
 */
public record StreamRef(String name, String uid) {
  public StreamRef {
    StreamNames.validate(name);
    if (uid == null || !uid.matches("[a-zA-Z0-9_-][a-zA-Z0-9_.-]{0,127}")) {
      throw new IllegalArgumentException(
          "stream '" + name + "' has an invalid uid '" + uid + "': expected 1 to 128 letters, digits, '_', '.' or '-', not starting with '.'");
    }
  }

  /** The directory name of this incarnation's data: {@code <name>-<uid>}. */
  public String directoryName() {
    return name + "-" + uid;
  }
}

package io.tributary.client.internal;

import io.tributary.common.error.Errors;
import java.util.regex.Pattern;

/**
 * Validation of the names a client gives to things it keeps in the cluster: registered consumers,
 * consumer applications and their instances. Stateless. Each becomes a ZooKeeper node name, so the
 * rule is the stream name's.
 */
public final class Names {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");

  private Names() {}

  public static String consumer(String name) {
    return check("consumer", name);
  }

  public static String check(String what, String name) {
    if (name == null || !NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
      throw Errors.invalid("invalid " + what + " name '" + name
          + "': use 1 to 128 characters from letters, digits, '_', '.' and '-' (not '.' or '..')");
    }
    return name;
  }
}

package io.tributary.coordinator.delivery;

import io.tributary.common.error.Errors;
import java.util.regex.Pattern;

/** Checks a delivery stream name before it becomes a ZooKeeper path. Stateless. */
final class DeliveryNames {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,64}");

  private DeliveryNames() {}

  static String validate(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw Errors.invalid("delivery stream name '" + name
          + "' is not 1-64 letters, digits, '_', '.' or '-'; list delivery streams with 'trib delivery list'");
    }
    return name;
  }
}

package io.tributary.common.stream;

import io.tributary.common.error.Errors;
import java.util.regex.Pattern;

/** Validation of stream names, as Kinesis defines them, and the names the system gives streams. */
public final class StreamNames {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");

  private StreamNames() {}

  public static String validate(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw Errors.invalid(
          "invalid stream name '" + name
              + "': use 1 to 128 characters from letters, digits, '_', '.' and '-'");
    }
    // They match the Kinesis pattern but cannot name a ZooKeeper node or a directory.
    if (name.equals(".") || name.equals("..")) {
      throw Errors.invalid("invalid stream name '" + name + "': '.' and '..' are reserved; use another name");
    }
    return name;
  }

  /**
   * The backing stream of a direct-put delivery stream, which records put to the delivery stream
   * land in; one rule for the coordinator that creates it and the front ends that write to it.
   */
  public static String deliveryBackingStream(String deliveryStream) {
    return deliveryStream + "-delivery-source";
  }
}

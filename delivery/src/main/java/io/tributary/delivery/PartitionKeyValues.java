package io.tributary.delivery;

/**
 * Decides whether a partition key value may become part of an output path. Stateless and
 * thread-safe.
 *
 * <p>Values come from records, that is from whoever writes to the stream, and file destinations
 * turn prefixes into directories: a value such as {@code ..} or {@code a/b} must not climb out of,
 * or add levels to, the folder layout the template promises.
 */
final class PartitionKeyValues {
  private PartitionKeyValues() {}

  /** Why {@code value} cannot be used for key {@code name}, or null if it can. */
  static String problem(String name, String value) {
    if (value == null) {
      return "the record has no value for partition key '" + name + "'";
    }
    if (value.isEmpty()) {
      return "partition key '" + name + "' is empty";
    }
    if (value.equals(".") || value.equals("..")) {
      return "partition key '" + name + "' is '" + value + "', which is not a valid folder name";
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '/' || c == '\\' || Character.isISOControl(c)) {
        return "partition key '" + name + "' contains '/', '\\' or a control character";
      }
    }
    return null;
  }
}

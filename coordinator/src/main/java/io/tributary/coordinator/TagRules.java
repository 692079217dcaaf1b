package io.tributary.coordinator;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Validates stream tags as Kinesis does: the characters and lengths of keys and values, the size of
 * one change, and the number of tags a stream may hold. Stateless.
 *
 * <p>Clients written against Kinesis expect its limits and error kinds, so these follow it: a
 * malformed request is an invalid argument, a stream with too many tags is a limit exceeded.
 */
final class TagRules {
  static final int MAX_TAGS_PER_STREAM = 50;
  /** Tags one request may set (AddTagsToStream, CreateStream). */
  static final int MAX_PUT_PER_CALL = 200;
  /** Keys one request may remove (RemoveTagsFromStream). */
  static final int MAX_REMOVE_PER_CALL = 50;
  static final int MAX_KEY_CHARS = 128;
  static final int MAX_VALUE_CHARS = 256;
  private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{N}\\p{Z}\\s_./=+\\-%@]*");

  private TagRules() {}

  /** Checks tags given at creation; returns them sorted. */
  static SortedMap<String, String> forCreate(String stream, Map<String, String> tags) {
    checkPut(tags);
    SortedMap<String, String> sorted = new TreeMap<>(tags);
    checkCount(stream, sorted.size());
    return sorted;
  }

  /** Checks one change on its own, before the stream is read. */
  static void checkChange(Map<String, String> put, Collection<String> remove) {
    if (put.isEmpty() && remove.isEmpty()) {
      throw Errors.invalid("a tag change needs at least one tag to set or one key to remove");
    }
    checkPut(put);
    if (remove.size() > MAX_REMOVE_PER_CALL) {
      throw Errors.invalid(remove.size() + " tag keys to remove exceed the limit of " + MAX_REMOVE_PER_CALL
          + " per request; remove them in several requests");
    }
    for (String key : remove) {
      checkKey(key);
      if (put.containsKey(key)) {
        throw Errors.invalid("tag key '" + key + "' is both set and removed in one request; do one or the other");
      }
    }
  }

  /** The stream's tags after a checked change, refused when the stream would hold too many. */
  static SortedMap<String, String> apply(String stream, Map<String, String> current, Map<String, String> put,
      Collection<String> remove) {
    SortedMap<String, String> changed = new TreeMap<>(current);
    changed.putAll(put);
    remove.forEach(changed::remove);
    checkCount(stream, changed.size());
    return changed;
  }

  private static void checkPut(Map<String, String> put) {
    if (put.size() > MAX_PUT_PER_CALL) {
      throw Errors.invalid(put.size() + " tags exceed the limit of " + MAX_PUT_PER_CALL
          + " per request; set them in several requests");
    }
    for (Map.Entry<String, String> tag : put.entrySet()) {
      checkKey(tag.getKey());
      checkValue(tag.getKey(), tag.getValue());
    }
  }

  private static void checkCount(String stream, int count) {
    if (count > MAX_TAGS_PER_STREAM) {
      throw new TributaryException(ErrorCode.LIMIT_EXCEEDED, "stream '" + stream + "' would have " + count
          + " tags, more than the limit of " + MAX_TAGS_PER_STREAM + " per stream; remove tags first");
    }
  }

  private static void checkKey(String key) {
    int chars = key.codePointCount(0, key.length());
    if (chars < 1 || chars > MAX_KEY_CHARS || !ALLOWED.matcher(key).matches()) {
      throw Errors.invalid("tag key '" + key + "' is invalid: use 1 to " + MAX_KEY_CHARS
          + " letters, digits, white space or any of _ . / = + - % @");
    }
  }

  private static void checkValue(String key, String value) {
    int chars = value.codePointCount(0, value.length());
    if (chars > MAX_VALUE_CHARS || !ALLOWED.matcher(value).matches()) {
      throw Errors.invalid("value of tag '" + key + "' is invalid: use up to " + MAX_VALUE_CHARS
          + " letters, digits, white space or any of _ . / = + - % @");
    }
  }
}

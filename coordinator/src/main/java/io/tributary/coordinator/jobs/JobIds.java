package io.tributary.coordinator.jobs;

import io.tributary.common.error.Errors;
import java.util.UUID;
import java.util.regex.Pattern;

/** Job ids: 32 lower-case hex characters (a UUID without dashes). Stateless. */
public final class JobIds {
  private static final Pattern FORM = Pattern.compile("[0-9a-f]{32}");

  private JobIds() {}

  public static String newId() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  /** The id, checked before it reaches a file or ZooKeeper path. */
  public static String require(String id) {
    if (id == null || !FORM.matcher(id).matches()) {
      throw Errors.invalid("job id '" + id + "' is not 32 hex characters; list jobs with 'trib job list'");
    }
    return id;
  }

  /** The short form used in thread names and logs. */
  static String shortId(String id) {
    return id.substring(0, Math.min(8, id.length()));
  }
}

package io.tributary.common.stream;

import io.tributary.common.error.Errors;
import java.util.regex.Pattern;

/** Shard ids in the Kinesis form {@code shardId-000000000007}. */
public final class ShardIds {
  private static final Pattern FORM = Pattern.compile("shardId-\\d{12}");

  private ShardIds() {}

  public static String of(int index) {
    return String.format("shardId-%012d", index);
  }

  /** The index of a shard id; also accepts a bare number, as people type {@code --shard 3}. */
  public static int index(String shardId) {
    if (shardId != null && shardId.matches("\\d{1,9}")) {
      return Integer.parseInt(shardId);
    }
    if (shardId == null || !FORM.matcher(shardId).matches()) {
      throw Errors.invalid("shard id '" + shardId + "' is not of the form shardId-000000000000");
    }
    return Integer.parseInt(shardId.substring("shardId-".length()));
  }

  /** Normalizes a shard id that may have been given as a bare number. */
  public static String normalize(String shardId) {
    return of(index(shardId));
  }
}

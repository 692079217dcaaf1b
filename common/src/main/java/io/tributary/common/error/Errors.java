package io.tributary.common.error;

/** Factories for the errors raised in more than one place, so their wording stays the same. */
public final class Errors {
  private Errors() {}

  public static TributaryException streamNotFound(String stream) {
    return new TributaryException(
        ErrorCode.RESOURCE_NOT_FOUND,
        "stream '" + stream + "' does not exist; list streams with 'trib stream list'");
  }

  public static TributaryException shardNotFound(String stream, String shardId) {
    return new TributaryException(
        ErrorCode.RESOURCE_NOT_FOUND,
        "shard '" + shardId + "' does not exist in stream '" + stream
            + "'; see its shards with 'trib stream describe " + stream + "'");
  }

  public static TributaryException invalid(String message) {
    return new TributaryException(ErrorCode.INVALID_ARGUMENT, message);
  }

  public static TributaryException notShardOwner(String stream, String shardId, int brokerId) {
    return new TributaryException(
        ErrorCode.NOT_SHARD_OWNER,
        "broker " + brokerId + " does not lead shard '" + shardId + "' of stream '" + stream
            + "'; refresh the shard map and retry");
  }

  public static TributaryException unavailable(String message) {
    return new TributaryException(ErrorCode.UNAVAILABLE, message);
  }
}

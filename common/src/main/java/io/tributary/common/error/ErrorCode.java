package io.tributary.common.error;

import io.grpc.Status;

/**
 * The error vocabulary every process and client shares: one entry per outcome a caller must react
 * to, with its gRPC status and its Kinesis-style exception name. Immutable.
 */
public enum ErrorCode {
  RESOURCE_NOT_FOUND("ResourceNotFound", "ResourceNotFoundException", Status.Code.NOT_FOUND, false),
  RESOURCE_IN_USE("ResourceInUse", "ResourceInUseException", Status.Code.ALREADY_EXISTS, false),
  INVALID_ARGUMENT("InvalidArgument", "InvalidArgumentException", Status.Code.INVALID_ARGUMENT, false),
  LIMIT_EXCEEDED("LimitExceeded", "LimitExceededException", Status.Code.RESOURCE_EXHAUSTED, false),
  THROUGHPUT_EXCEEDED(
      "ThroughputExceeded",
      "ProvisionedThroughputExceededException",
      Status.Code.RESOURCE_EXHAUSTED,
      true),
  EXPIRED_ITERATOR("ExpiredIterator", "ExpiredIteratorException", Status.Code.FAILED_PRECONDITION, false),
  /** A standby coordinator was asked to change something; the leader's address travels along. */
  NOT_LEADER("NotLeader", "NotLeaderException", Status.Code.FAILED_PRECONDITION, true),
  /** A broker was asked about a shard it does not lead; the caller refreshes its shard map. */
  NOT_SHARD_OWNER("NotShardOwner", "NotShardOwnerException", Status.Code.FAILED_PRECONDITION, true),
  /** An idempotent producer skipped producer sequence numbers in a shard: records were lost on its side. */
  OUT_OF_ORDER_SEQUENCE(
      "OutOfOrderSequence", "OutOfOrderSequenceException", Status.Code.FAILED_PRECONDITION, false),
  /**
   * An acks=all write found fewer in-sync replicas than the stream's minimum; nothing was written.
   * Retry once brokers return, or write with acks=leader.
   */
  NOT_ENOUGH_REPLICAS("NotEnoughReplicas", "InternalFailureException", Status.Code.UNAVAILABLE, true),
  /**
   * An acks=all write was appended by the leader but not confirmed by every in-sync replica in time
   * (or the leader changed meanwhile): its outcome is unknown, and an idempotent producer's retry
   * settles it exactly once.
   */
  REPLICATION_TIMEOUT("ReplicationTimeout", "InternalFailureException", Status.Code.UNAVAILABLE, true),
  /**
   * A request carried a leader or coordinator epoch older (or newer) than the receiver's: the sender
   * acts on a superseded view and must refresh it from ZooKeeper before trying again.
   */
  STALE_EPOCH("StaleEpoch", "InternalFailureException", Status.Code.FAILED_PRECONDITION, true),
  UNAVAILABLE("Unavailable", "ServiceUnavailableException", Status.Code.UNAVAILABLE, true),
  INTERNAL("InternalFailure", "InternalFailureException", Status.Code.INTERNAL, true);

  private final String shortName;
  private final String kinesisName;
  private final Status.Code grpcCode;
  private final boolean retryable;

  ErrorCode(String shortName, String kinesisName, Status.Code grpcCode, boolean retryable) {
    this.shortName = shortName;
    this.kinesisName = kinesisName;
    this.grpcCode = grpcCode;
    this.retryable = retryable;
  }

  /** The name the CLI prints before the message, e.g. {@code ResourceNotFound}. */
  public String shortName() {
    return shortName;
  }

  /** The exception type a Kinesis SDK expects, e.g. {@code ResourceNotFoundException}. */
  public String kinesisName() {
    return kinesisName;
  }

  public Status.Code grpcCode() {
    return grpcCode;
  }

  /** Whether the same request may succeed if sent again later (possibly elsewhere). */
  public boolean retryable() {
    return retryable;
  }

  /** Looks up a code by its short name; unknown names become {@link #INTERNAL}. */
  public static ErrorCode fromShortName(String name) {
    for (ErrorCode code : values()) {
      if (code.shortName.equals(name)) {
        return code;
      }
    }
    return INTERNAL;
  }
}

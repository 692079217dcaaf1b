package io.tributary.client;

import io.tributary.common.error.ErrorCode;

/**
 * The outcome of writing one record: its shard and sequence number, or the error that kept it out.
 * Immutable. A succeeded result with sequence number -1 is a retried record of an idempotent
 * producer that the broker had already written but whose number it no longer remembers.
 */
public record PutResult(String shardId, long sequenceNumber, ErrorCode error, String errorMessage) {
  public static PutResult ok(String shardId, long sequenceNumber) {
    return new PutResult(shardId, sequenceNumber, null, null);
  }

  public static PutResult failed(String shardId, ErrorCode error, String message) {
    return new PutResult(shardId, -1, error, message);
  }

  public boolean succeeded() {
    return error == null;
  }
}

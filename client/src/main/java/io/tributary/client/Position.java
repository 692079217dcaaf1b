package io.tributary.client;

import io.tributary.proto.v1.IteratorType;
import io.tributary.proto.v1.StartingPosition;
import java.time.Instant;

/** Where reading starts in a shard: the five Kinesis iterator kinds. Immutable. */
public record Position(IteratorType type, long sequenceNumber, long timestampMillis) {
  public static Position trimHorizon() {
    return new Position(IteratorType.TRIM_HORIZON, 0, 0);
  }

  public static Position latest() {
    return new Position(IteratorType.LATEST, 0, 0);
  }

  public static Position atSequence(long sequenceNumber) {
    return new Position(IteratorType.AT_SEQUENCE_NUMBER, sequenceNumber, 0);
  }

  public static Position afterSequence(long sequenceNumber) {
    return new Position(IteratorType.AFTER_SEQUENCE_NUMBER, sequenceNumber, 0);
  }

  public static Position atTimestamp(Instant time) {
    return new Position(IteratorType.AT_TIMESTAMP, 0, time.toEpochMilli());
  }

  public StartingPosition toProto() {
    return StartingPosition.newBuilder()
        .setType(type)
        .setSequenceNumber(sequenceNumber)
        .setTimestampMillis(timestampMillis)
        .build();
  }
}

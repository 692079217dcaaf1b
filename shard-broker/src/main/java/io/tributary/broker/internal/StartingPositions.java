package io.tributary.broker.internal;

import io.tributary.broker.ShardLog;
import io.tributary.common.error.Errors;
import io.tributary.proto.v1.StartingPosition;

/**
 * Turns the five Kinesis starting positions into the sequence number reading starts at, within the
 * committed records (below the high watermark). Stateless.
 */
final class StartingPositions {
  private StartingPositions() {}

  static long resolve(StartingPosition position, LedShard shard) {
    ShardLog log = shard.log();
    long first = log.firstSequenceNumber();
    long next = Math.min(shard.highWatermark(), log.nextSequenceNumber());
    return switch (position.getType()) {
      case TRIM_HORIZON -> first;
      case LATEST -> next;
      case AT_SEQUENCE_NUMBER -> Math.max(first, inRange(position.getSequenceNumber(), shard, first, next));
      case AFTER_SEQUENCE_NUMBER -> Math.max(first, inRange(position.getSequenceNumber(), shard, first, next) + 1);
      case AT_TIMESTAMP -> Math.min(next, atTimestamp(position.getTimestampMillis(), log));
      default -> throw Errors.invalid(
          "unknown starting position type " + position.getTypeValue()
              + "; use TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER or AT_TIMESTAMP");
    };
  }

  /** Numbers below the trim horizon are accepted (reading starts at the horizon); future ones are not. */
  private static long inRange(long sequence, LedShard shard, long first, long next) {
    long last = next - 1;
    if (sequence < 0 || sequence > last) {
      throw Errors.invalid(
          "sequence number " + sequence + " is outside shard " + shard.shardId() + "'s range [" + first + ", "
              + last + "] in stream '" + shard.stream().name() + "'"
              + (next == first ? " (it holds no records yet)" : "")
              + "; give a number in that range, or start at TRIM_HORIZON or LATEST");
    }
    return sequence;
  }

  private static long atTimestamp(long millis, ShardLog log) {
    if (millis < 0) {
      throw Errors.invalid("timestamp " + millis + " is negative; give epoch milliseconds");
    }
    return log.sequenceNumberAt(millis);
  }
}

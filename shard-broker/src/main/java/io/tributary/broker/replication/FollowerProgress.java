package io.tributary.broker.replication;

/**
 * What a leader knows of one follower: where its log ends, when it was last caught up, and what the
 * leader's own log end was when it last answered it (a follower that reaches that point has caught
 * up, even though the leader appended meanwhile). Confined to its {@link LeaderReplica}'s lock.
 */
final class FollowerProgress {
  static final long UNKNOWN = -1;

  final int broker;
  long logEnd = UNKNOWN;
  long lastCaughtUpNanos;
  long leaderEndAtLastAnswer = Long.MAX_VALUE;
  long lastAnswerNanos;

  FollowerProgress(int broker, long nowNanos) {
    this.broker = broker;
    this.lastCaughtUpNanos = nowNanos;
    this.lastAnswerNanos = nowNanos;
  }

  /** Notes a fetch from {@code fetchFrom} while the leader's log ends at {@code leaderEnd}. */
  void fetched(long fetchFrom, long leaderEnd, long nowNanos) {
    logEnd = fetchFrom;
    if (fetchFrom >= leaderEnd) {
      lastCaughtUpNanos = nowNanos;
    } else if (fetchFrom >= leaderEndAtLastAnswer) {
      lastCaughtUpNanos = Math.max(lastCaughtUpNanos, lastAnswerNanos);
    }
  }

  /** Whether the follower's last fetch reached the leader's end as of the answer before it. */
  boolean caughtUp(long leaderEndBefore) {
    return logEnd != UNKNOWN && logEnd >= leaderEndBefore;
  }

  void answered(long leaderEnd, long nowNanos) {
    leaderEndAtLastAnswer = leaderEnd;
    lastAnswerNanos = nowNanos;
  }
}

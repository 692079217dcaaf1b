package io.tributary.broker.internal;

import java.time.Clock;

/**
 * The read quota of one registered consumer on one shard: bytes per second, with a burst of one
 * second. Thread-safe: a subscription that takes over from an older one of the same consumer goes
 * on with the same quota, while the older may still be finishing.
 *
 * <p>The size of an event is known only after reading, so an event may overdraw; the pump then
 * waits until the debt is paid back instead of failing, as the quota is a pace, not an error.
 */
final class SubscribeQuota {
  /** Shortest pause between checks, so a clock that stands still cannot make a pump spin. */
  static final long MIN_WAIT_MILLIS = 5;

  private static final SubscribeQuota UNLIMITED = new SubscribeQuota(0, null);

  private final long bytesPerSecond;
  private final TokenBucket bucket;

  private SubscribeQuota(long bytesPerSecond, TokenBucket bucket) {
    this.bytesPerSecond = bytesPerSecond;
    this.bucket = bucket;
  }

  static SubscribeQuota unlimited() {
    return UNLIMITED;
  }

  static SubscribeQuota perSecond(long bytesPerSecond, Clock clock) {
    return new SubscribeQuota(bytesPerSecond, new TokenBucket(bytesPerSecond, bytesPerSecond, clock));
  }

  /** How long to wait before reading again; 0 if bytes may be read now. */
  synchronized long waitMillis() {
    if (bucket == null) {
      return 0;
    }
    double available = bucket.available();
    if (available > 0) {
      return 0;
    }
    long millis = (long) Math.ceil((1 - available) * 1000.0 / bytesPerSecond);
    return Math.max(MIN_WAIT_MILLIS, millis);
  }

  /** The bytes the next event may hold, at most {@code maxEventBytes}. */
  synchronized int allowance(int maxEventBytes) {
    if (bucket == null) {
      return maxEventBytes;
    }
    return (int) Math.max(1, Math.min(maxEventBytes, bucket.available()));
  }

  /** Charges the bytes an event carried. */
  synchronized void charge(long bytes) {
    if (bucket != null) {
      bucket.take(bytes);
    }
  }
}

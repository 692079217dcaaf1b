package io.tributary.broker.internal;

import java.time.Clock;

/**
 * Tokens that refill at a steady rate up to a capacity, on the injected clock. Confined to its
 * owner, which synchronizes; a quota holds one bucket per resource it limits.
 */
final class TokenBucket {
  private final Clock clock;
  private final double perMilli;
  private final double capacity;
  private double tokens;
  private long refilledAt;

  TokenBucket(double perSecond, double capacity, Clock clock) {
    this.clock = clock;
    this.perMilli = perSecond / 1000.0;
    this.capacity = capacity;
    this.tokens = capacity;
    this.refilledAt = clock.millis();
  }

  /** The tokens available now; negative while a debt is being paid back. */
  double available() {
    long now = clock.millis();
    if (now > refilledAt) {
      tokens = Math.min(capacity, tokens + (now - refilledAt) * perMilli);
      refilledAt = now;
    }
    return tokens;
  }

  /** Takes {@code n} tokens, going into debt if there are fewer. */
  void take(double n) {
    tokens -= n;
  }
}

package io.tributary.broker.internal;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import net.openhft.chronicle.core.time.TimeProvider;

/**
 * The injected clock, prevented from going backwards. Thread-safe.
 *
 * <p>Chronicle picks the roll cycle of each write from its time provider; a clock stepping back
 * across a cycle boundary would make it write into an older cycle file, putting records out of
 * order. Arrival stamps come from here too, so they never decrease either.
 */
final class MonotonicTime implements TimeProvider {
  private final Clock clock;
  private final AtomicLong floor;

  MonotonicTime(Clock clock) {
    this.clock = clock;
    this.floor = new AtomicLong(Long.MIN_VALUE);
  }

  @Override
  public long currentTimeMillis() {
    long now = clock.millis();
    long current = floor.get();
    return now > current ? floor.accumulateAndGet(now, Math::max) : current;
  }

  /** Never report less than {@code millis} from now on, e.g. the newest time stored before a restart. */
  void raiseTo(long millis) {
    floor.accumulateAndGet(millis, Math::max);
  }
}
